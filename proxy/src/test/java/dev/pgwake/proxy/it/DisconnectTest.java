package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * However a client goes, its server connection goes too: counted in pg_stat_activity by a unique
 * application_name, from a direct connection.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class DisconnectTest {
    private static final Duration GONE_WITHIN = Duration.ofSeconds(10);
    private static final String DATABASE = "disconnect_it";
    private static final String POOL = "pool:\n  pool_size: 5\n";
    private static Connection direct;

    @BeforeAll
    static void start() throws SQLException {
        PostgresFixture.shared().sql("drop database if exists " + DATABASE);
        PostgresFixture.shared().sql("create database " + DATABASE);
        direct = PostgresFixture.shared().connect();
    }

    @AfterAll
    static void stop() throws SQLException {
        if (direct != null) {
            direct.close();
        }
    }

    @Test
    void aClientLeavingBetweenTransactionsLeavesItsServerConnectionToTheNextClient() throws Exception {
        try (Pgwake pgwake = Pgwake.start(POOL)) {
            String first;
            try (Connection connection = connect(pgwake)) {
                first = Sql.one(connection, "select pg_backend_pid()");
            }
            assertEquals(1, backends(), "the server connection stays in the pool");
            try (Connection connection = connect(pgwake)) {
                assertEquals(first, Sql.one(connection, "select pg_backend_pid()"), "the next client reuses it");
            }
            assertEquals(1, backends());
        }
    }

    @Test
    void aClientThatVanishesInsideATransactionEndsItsServerBackend() throws Exception {
        try (Pgwake pgwake = Pgwake.start(POOL)) {
            try (RawClient client = new RawClient(pgwake.port())) {
                client.startup(Map.of("user", PostgresFixture.SUPERUSER, "database", DATABASE));
                client.readUntil('Z');
                client.query("begin; select 1");
                client.readUntil('Z');
                assertEquals(1, backends());
            }
            // its transaction's state cannot go to another client: the connection is closed, not pooled
            Await.until(GONE_WITHIN, 0L, DisconnectTest::backends, "server backends after the socket closed");
        }
    }

    @Test
    void closingPgwakeEndsEveryServerBackend() throws Exception {
        List<Connection> clients = new ArrayList<>();
        try (Pgwake own = Pgwake.start(POOL)) {
            for (int i = 0; i < 3; i++) {
                Connection client = connect(own);
                client.setAutoCommit(false);
                Sql.one(client, "select 1"); // each holds a server connection inside its transaction
                clients.add(client);
            }
            assertEquals(3, backends());
        } finally {
            for (Connection client : clients) {
                client.close();
            }
        }
        Await.until(GONE_WITHIN, 0L, DisconnectTest::backends, "server backends after pgwake closed");
    }

    private static Connection connect(Pgwake pgwake) throws SQLException {
        return DriverManager.getConnection(pgwake.url(DATABASE), Pgwake.properties(PostgresFixture.SUPERUSER, null));
    }

    private static long backends() throws SQLException {
        return Sql.count(direct, "select count(*) from pg_stat_activity where datname = "
                + PostgresFixture.literal(DATABASE));
    }
}
