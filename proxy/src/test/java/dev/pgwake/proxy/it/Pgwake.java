package dev.pgwake.proxy.it;

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
 * pgwake running in this JVM on 127.0.0.1 and a free port, with the static driver, built from YAML the way
 * {@code java -jar pgwake.jar -c file} builds it. Close it after use.
 */
final class Pgwake implements AutoCloseable {
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
    static Pgwake start(Map<String, String> branches, String yaml) {
        StringBuilder config = new StringBuilder("listen: 127.0.0.1:0\ndriver:\n  kind: static\n  branches:\n");
        new LinkedHashMap<>(branches).forEach((name, address) -> config.append("    ").append(name).append(": \"")
                .append(address).append("\"\n"));
        config.append(yaml);
        ProxyConfig parsed = new ConfigLoader().parse(config.toString(), "test configuration");
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

    int port() {
        return port;
    }

    /** {@code jdbc:postgresql://127.0.0.1:port/database}; the database is written as given (URL-encode an '@'). */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** pgjdbc through pgwake to database postgres, as the trusted superuser, without TLS. */
    Connection connect() throws SQLException {
        return connect(properties(PostgresFixture.SUPERUSER, null));
    }

    Connection connect(Properties properties) throws SQLException {
        return DriverManager.getConnection(url("postgres"), properties);
    }

    /**
     * pgjdbc properties: no TLS or GSS encryption, short login and connect timeouts, and a socket timeout so
     * no test hangs on a read; {@code password} may be null.
     */
    static Properties properties(String user, String password) {
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
