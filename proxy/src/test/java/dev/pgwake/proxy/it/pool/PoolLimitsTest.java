package dev.pgwake.proxy.it.pool;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The pool's limits and timeouts as a client meets them: {@code max_client_conn} (53300 at once),
 * {@code query_wait_timeout} (an error naming the pool and the timeout), {@code idle_transaction_timeout} (the
 * client is let go, its transaction rolled back and its server connection serves the next client), and
 * {@code overrides} (session mode and sizes for matching pools only).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class PoolLimitsTest {
    private static final String DATABASE = "pool_limits";
    private static final String SESSION_DATABASE = "pool_limits_session";
    private static final String OVERRIDDEN_DATABASE = "pool_limits_overrides";
    private static final String USER = PostgresFixture.TRUST_USER;
    private static final String SMALL_POOL_ROLE = "pool_limits_role";
    /** How a message may name a one-second timeout: by its key or by its value. */
    private static final Pattern ONE_SECOND_TIMEOUT = Pattern.compile(
            "query_wait_timeout|\\b1 ?s(ec|econds?)?\\b|\\b1000 ?ms\\b|\\bPT1S\\b");

    private static DirectServer server;

    @BeforeAll
    static void createDatabases() throws SQLException {
        server = DirectServer.shared();
        server.createDatabase(DATABASE);
        server.createDatabase(SESSION_DATABASE);
        server.createDatabase(OVERRIDDEN_DATABASE);
        server.createRole(SMALL_POOL_ROLE);
        server.execute(DATABASE, "create table rows_written (v text)", "grant all on rows_written to public");
    }

    @Test
    void theConnectionOverMaxClientConnIsRefusedWith53300() throws Exception {
        List<Connection> clients = new ArrayList<>();
        try (PoolingPgwake pgwake = PoolingPgwake.start("pool:\n  max_client_conn: 3\n")) {
            for (int i = 0; i < 3; i++) {
                clients.add(pgwake.connect(DATABASE, USER));
                assertEquals("1", Sql.one(clients.get(i), "select 1"));
            }
            SQLException refused = assertThrows(SQLException.class, () -> pgwake.connect(DATABASE, USER).close());
            assertEquals("53300", refused.getSQLState(), refused.getMessage());

            clients.remove(0).close();
            Await.until(Duration.ofSeconds(10), () -> canConnect(pgwake), Boolean.TRUE::equals,
                    "a connection once a client left the three allowed");
            for (Connection client : clients) {
                assertEquals("2", Sql.one(client, "select 2"));
            }
        } finally {
            for (Connection client : clients) {
                client.close();
            }
        }
    }

    private static boolean canConnect(PoolingPgwake pgwake) {
        try (Connection connection = pgwake.connect(DATABASE, USER)) {
            return Sql.one(connection, "select 1").equals("1");
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void aClientWaitingPastQueryWaitTimeoutGetsAnErrorNamingThePoolAndTheTimeout() throws Exception {
        try (PoolingPgwake pgwake = PoolingPgwake.start("pool:\n  pool_size: 1\n  query_wait_timeout: 1s\n");
             Connection holder = pgwake.connect(DATABASE, USER); Connection waiter = pgwake.connect(DATABASE, USER)) {
            holder.setAutoCommit(false);
            assertEquals("held", Sql.one(holder, "select 'held'"));
            SQLException e = assertThrows(SQLException.class, () -> Sql.one(waiter, "select 'waited'"),
                    "a query waiting for the pool's only server connection, held in a transaction");
            String message = e.getMessage();
            assertTrue(message.contains("main") && message.contains(DATABASE) && message.contains(USER),
                    "the error should name the pool (branch main, database " + DATABASE + ", user " + USER + "): "
                            + message);
            assertTrue(ONE_SECOND_TIMEOUT.matcher(message).find(), "the error should name the timeout: " + message);
            holder.commit();
            holder.setAutoCommit(true);
            try (Connection next = pgwake.connect(DATABASE, USER)) {
                assertEquals("after", Sql.one(next, "select 'after'"));
            }
        }
    }

    @Test
    void aClientIdleInATransactionPastIdleTransactionTimeoutIsLetGoAndItsServerServesTheNext() throws Exception {
        String yaml = "pool:\n  pool_size: 1\n  idle_transaction_timeout: 1s\n  query_wait_timeout: 30s\n";
        try (PoolingPgwake pgwake = PoolingPgwake.start(yaml);
             Connection idler = pgwake.connect(DATABASE, USER); Connection next = pgwake.connect(DATABASE, USER)) {
            idler.setAutoCommit(false);
            Sql.execute(idler, "insert into rows_written values ('never committed')");

            assertEquals("true|0", Sql.one(next, "select (pg_current_xact_id_if_assigned() is null)::text || '|'"
                    + " || count(*) from rows_written"), "the next client should run in a transaction of its own,"
                    + " not in the idle client's (which has a transaction id: it inserted a row)");
            assertThrows(SQLException.class, () -> Sql.one(idler, "select 'still in my transaction'"),
                    "a client idle in a transaction past idle_transaction_timeout should have been disconnected");
            assertFalse(idler.isValid(5), "the idle client's connection after idle_transaction_timeout");
            try (Connection direct = server.connect(DATABASE)) {
                Await.until(Duration.ofSeconds(10), () -> Sql.one(direct, "select count(*) from pg_stat_activity"
                        + " where datname = '" + DATABASE + "' and state like 'idle in transaction%'"),
                        "0"::equals, "backends left idle in a transaction");
                assertEquals("0", Sql.one(direct, "select count(*) from rows_written"));
            }
            assertEquals("next again", Sql.one(next, "select 'next again'"));
        }
    }

    private static final String OVERRIDES = "pool:\n  pool_mode: transaction\n  pool_size: 2\n  overrides:\n"
            + "    - database: " + SESSION_DATABASE + "\n      pool_mode: session\n      pool_size: 5\n"
            + "    - branch: main\n      user: " + SMALL_POOL_ROLE + "\n      pool_size: 1\n";

    @Test
    void aSessionModeOverrideGivesEachClientItsOwnServerBackend() throws Exception {
        int clients = 5;
        List<Connection> connections = new ArrayList<>();
        try (PoolingPgwake pgwake = PoolingPgwake.start(OVERRIDES)) {
            Set<Integer> pids = new HashSet<>();
            for (int i = 0; i < clients; i++) {
                Connection connection = pgwake.connect(SESSION_DATABASE, USER);
                connections.add(connection);
                pids.add(Sql.backendPid(connection));
            }
            assertEquals(clients, pids.size(), "server backends of " + clients + " session-mode clients: " + pids);
            for (int round = 0; round < 4; round++) {
                for (Connection connection : connections) {
                    connection.setAutoCommit(round % 2 == 0);
                    int pid = Sql.backendPid(connection);
                    assertTrue(pids.contains(pid), "round " + round + ": a session-mode client moved to backend " + pid);
                    if (round % 2 == 1) {
                        connection.commit();
                    }
                }
            }
            Set<Integer> again = new HashSet<>();
            for (Connection connection : connections) {
                connection.setAutoCommit(true);
                again.add(Sql.backendPid(connection));
            }
            assertEquals(pids, again, "each session-mode client keeps its backend");
            assertEquals(clients, server.backendCount(SESSION_DATABASE, USER));
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    @Test
    void overridesApplyOnlyToTheirMatchingPools() throws Exception {
        List<Connection> connections = new ArrayList<>();
        try (PoolingPgwake pgwake = PoolingPgwake.start(OVERRIDES)) {
            for (int i = 0; i < 5; i++) {
                connections.add(pgwake.connect(OVERRIDDEN_DATABASE, USER));
                connections.add(pgwake.connect(OVERRIDDEN_DATABASE, SMALL_POOL_ROLE));
            }
            for (Connection connection : connections) {
                assertEquals("1", Sql.one(connection, "select 1"));
            }
            int plain = server.backendCount(OVERRIDDEN_DATABASE, USER);
            int small = server.backendCount(OVERRIDDEN_DATABASE, SMALL_POOL_ROLE);
            assertTrue(plain <= 2, "5 clients of a transaction pool of size 2 hold " + plain + " server backends");
            assertTrue(small <= 1, "5 clients of a pool overridden to size 1 (by branch and user) hold " + small
                    + " server backends");
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }
}
