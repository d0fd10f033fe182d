package dev.pgwake.proxy.it;

import dev.pgwake.lifecycle.Branches;
import dev.pgwake.proxy.Main;
import dev.pgwake.proxy.ProxyServer;
import dev.pgwake.proxy.config.ConfigLoader;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.testing.PostgresFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * pgwake running in this JVM on 127.0.0.1 and a free port, built from YAML the way {@code java -jar pgwake.jar -c file}
 * builds it: with the static driver ({@link #start}) or any other ({@link #startConfigured}). Close it after use.
 */
public final class Pgwake implements AutoCloseable {
    private final ProxyServer server;
    private final int port;

    private Pgwake(ProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Branch {@code main} on the shared cluster; {@code yaml} adds top-level sections (tls, auth, server, routing). */
    static Pgwake start(String yaml) {
        return start(Map.of("main", PostgresFixture.shared().hostPort()), yaml);
    }

    /** The given branches (name to host:port); {@code yaml} adds top-level sections other than listen and driver. */
    public static Pgwake start(Map<String, String> branches, String yaml) {
        StringBuilder config = new StringBuilder("driver:\n  kind: static\n  branches:\n");
        new LinkedHashMap<>(branches).forEach((name, address) -> config.append("    ").append(name).append(": \"")
                .append(address).append("\"\n"));
        config.append(yaml);
        return startConfigured(config.toString());
    }

    /**
     * Any driver: {@code yaml} is the whole configuration (driver: included) but the listen address. The HTTP listener
     * takes a free port too, unless {@code yaml} has an {@code http:} section of its own.
     */
    static Pgwake startConfigured(String yaml) {
        String http = yaml.startsWith("http:") || yaml.contains("\nhttp:") ? "" : "http: {listen: '127.0.0.1:0'}\n";
        ProxyConfig parsed = new ConfigLoader().parse("listen: 127.0.0.1:0\n" + http + yaml, "test configuration");
        ProxyServer server = new ProxyServer(parsed, Main.driver(parsed.driver(), parsed.routing().defaultBranch()));
        try {
            return new Pgwake(server, server.start().getPort());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new IllegalStateException("interrupted while starting pgwake", e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Writes a PgBouncer-style users file ({@code "name" "secret"} per line) to a new temporary file. */
    static Path usersFile(Map<String, String> secrets) {
        StringBuilder text = new StringBuilder();
        secrets.forEach((name, secret) -> text.append('"').append(name).append("\" \"").append(secret).append("\"\n"));
        try {
            Path file = Files.createTempFile("pgwake-it-users-", ".txt");
            file.toFile().deleteOnExit();
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The port of the HTTP listener; fails when it is off. */
    public int httpPort() {
        return server.httpAddress().orElseThrow(() -> new AssertionError("the HTTP listener is off")).getPort();
    }

    /** The server itself (shutdown tests). */
    ProxyServer server() {
        return server;
    }

    /** The branch coordinator of this pgwake (operator commands, listeners, state). */
    Branches branches() {
        return server.branches();
    }

    /** {@code jdbc:postgresql://127.0.0.1:port/database}; the database is written as given (URL-encode an '@'). */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** pgjdbc through pgwake to database postgres, as the trusted superuser, without TLS. */
    Connection connect() throws SQLException {
        return connect(properties(PostgresFixture.SUPERUSER, null));
    }

    Connection connect(Properties properties) throws SQLException {
        return DriverManager.getConnection(url("postgres"), properties);
    }

    /** pgjdbc through pgwake to database postgres of {@code branch} (named in {@code options}), as the superuser. */
    Connection connect(String branch) throws SQLException {
        return connect(branchProperties(branch));
    }

    /**
     * {@link #properties} for the trusted superuser, routed to {@code branch} by {@code options=branch=NAME}, with
     * login and socket timeouts long enough for a cold wake (a new branch copied from its parent) on a busy machine.
     */
    static Properties branchProperties(String branch) {
        Properties properties = properties(PostgresFixture.SUPERUSER, null);
        properties.setProperty("options", "branch=" + branch);
        properties.setProperty("loginTimeout", "30");
        properties.setProperty("socketTimeout", "30");
        return properties;
    }

    /**
     * pgjdbc properties: no TLS or GSS encryption, short login and connect timeouts, and a socket timeout so
     * no test hangs on a read; {@code password} may be null.
     */
    public static Properties properties(String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("sslmode", "disable");
        properties.setProperty("gssEncMode", "disable");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "20");
        return properties;
    }

    @Override
    public void close() {
        server.close();
    }
}
