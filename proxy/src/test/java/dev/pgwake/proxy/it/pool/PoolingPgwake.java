package dev.pgwake.proxy.it.pool;

import dev.pgwake.proxy.it.Pgwake;
import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * pgwake in this JVM on 127.0.0.1 and a free port with the static driver, as {@code it.Pgwake} starts it, plus a
 * {@code pool:} section. Close it after use. Its branches never step down to sleep ({@code lifecycle:} steps off,
 * unless {@code yaml} has its own section), so only the pool decides when a server connection closes.
 */
final class PoolingPgwake implements AutoCloseable {
    private final Pgwake pgwake;

    private PoolingPgwake(Pgwake pgwake) {
        this.pgwake = pgwake;
    }

    /** Branch {@code main} on the shared cluster; {@code yaml} is the pool: section and any other top-level ones. */
    static PoolingPgwake start(String yaml) {
        return start(Map.of("main", PostgresFixture.shared().hostPort()), yaml);
    }

    /** The given branches (name to host:port); {@code yaml} adds top-level sections other than listen and driver. */
    static PoolingPgwake start(Map<String, String> branches, String yaml) {
        boolean ownLifecycle = yaml.startsWith("lifecycle:") || yaml.contains("\nlifecycle:");
        return new PoolingPgwake(Pgwake.start(branches, ownLifecycle ? yaml
                : yaml + "lifecycle:\n  idle_after: off\n  suspend_after: off\n  stop_after: off\n"));
    }

    int port() {
        return pgwake.port();
    }

    /** The port of the HTTP listener. */
    int httpPort() {
        return pgwake.httpPort();
    }

    /** {@code jdbc:postgresql://127.0.0.1:port/database}. */
    String url(String database) {
        return pgwake.url(database);
    }

    /** pgjdbc through pgwake (default branch) to {@code database} as {@code user}, trusted, without TLS. */
    Connection connect(String database, String user) throws SQLException {
        return connect(database, properties(user));
    }

    Connection connect(String database, Properties properties) throws SQLException {
        return DriverManager.getConnection(url(database), properties);
    }

    /** pgjdbc properties for a trusted {@code user}, as {@link Pgwake#properties} makes them. */
    static Properties properties(String user) {
        return Pgwake.properties(user, null);
    }

    @Override
    public void close() {
        pgwake.close();
    }
}
