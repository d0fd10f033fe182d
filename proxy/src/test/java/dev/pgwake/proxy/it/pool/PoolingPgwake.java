package dev.pgwake.proxy.it.pool;

import dev.pgwake.proxy.Main;
import dev.pgwake.proxy.ProxyServer;
import dev.pgwake.proxy.config.ConfigLoader;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * pgwake in this JVM on 127.0.0.1 and a free port with the static driver, as {@code it.Pgwake} starts it, plus a
 * {@code pool:} section. Close it after use. Its branches never step down to sleep ({@code lifecycle:} steps off,
 * unless {@code yaml} has its own section), so only the pool decides when a server connection closes.

 */
final class PoolingPgwake implements AutoCloseable {
    private final ProxyServer server;
    private final int port;

    private PoolingPgwake(ProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Branch {@code main} on the shared cluster; {@code yaml} is the pool: section and any other top-level ones. */
    static PoolingPgwake start(String yaml) {
        return start(Map.of("main", PostgresFixture.shared().hostPort()), yaml);
    }

    /** The given branches (name to host:port); {@code yaml} adds top-level sections other than listen and driver. */
    static PoolingPgwake start(Map<String, String> branches, String yaml) {
        StringBuilder config = new StringBuilder("listen: 127.0.0.1:0\nhttp:\n  listen: 127.0.0.1:0\ndriver:\n  kind: static\n  branches:\n");
        new LinkedHashMap<>(branches).forEach((name, address) -> config.append("    ").append(name).append(": \"")
                .append(address).append("\"\n"));
        config.append(yaml);
        if (!yaml.startsWith("lifecycle:") && !yaml.contains("\nlifecycle:")) {
            config.append("lifecycle:\n  idle_after: off\n  suspend_after: off\n  stop_after: off\n");
        }
        ProxyConfig parsed = parse(config.toString());
        ProxyServer server = new ProxyServer(parsed, Main.driver(parsed.driver(), parsed.routing().defaultBranch()));
        try {
            return new PoolingPgwake(server, server.start().getPort());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new IllegalStateException("interrupted while starting pgwake", e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static ProxyConfig parse(String yaml) {
        return new ConfigLoader().parse(yaml, "test configuration");
    }

    int port() {
        return port;
    }

    /** The port of the HTTP listener. */
    int httpPort() {
        return server.httpAddress().orElseThrow(() -> new AssertionError("the HTTP listener is off")).getPort();
    }

    /** {@code jdbc:postgresql://127.0.0.1:port/database}. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** pgjdbc through pgwake (default branch) to {@code database} as {@code user}, trusted, without TLS. */
    Connection connect(String database, String user) throws SQLException {
        return connect(database, properties(user));
    }

    Connection connect(String database, Properties properties) throws SQLException {
        return DriverManager.getConnection(url(database), properties);
    }

    /**
     * pgjdbc properties for a trusted {@code user}: no TLS or GSS encryption, short login and connect timeouts, and
     * a socket timeout so no test hangs on a read.
     */
    static Properties properties(String user) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("sslmode", "disable");
        properties.setProperty("gssEncMode", "disable");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        return properties;
    }

    @Override
    public void close() {
        server.close();
    }
}
