package dev.pgwake.proxy.it.pool;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.postgresql.PGConnection;

/**
 * Query cancel through a pool ({@code pool_size: 2}, ten other clients busy on it): pgjdbc's CancelRequest, sent
 * with pgwake's own key, cancels the one query its client runs and nothing another client runs, also when the
 * server connection that client used last now serves someone else.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class PoolCancelTest {
    private static final String DATABASE = "pool_cancel";
    private static final String USER = PostgresFixture.TRUST_USER;
    private static final int BUSY_CLIENTS = 10;

    private static DirectServer server;
    private static PoolingPgwake pgwake;

    @BeforeAll
    static void start() throws SQLException {
        server = DirectServer.shared();
        server.createDatabase(DATABASE);
        pgwake = PoolingPgwake.start("pool:\n  pool_mode: transaction\n  pool_size: 2\n");
    }

    @AfterAll
    static void stop() {
        if (pgwake != null) {
            pgwake.close();
        }
    }

    /** Clients running short queries in a loop until stopped; every error they get is kept. */
    private static final class BusyClients implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger queries = new AtomicInteger();
        private final Queue<String> errors = new ConcurrentLinkedQueue<>();
        private final List<CompletableFuture<Void>> clients = new ArrayList<>();

        BusyClients(int n, String sleep) {
            for (int i = 0; i < n; i++) {
                int client = i;
                clients.add(Background.start("busy-" + i, () -> {
                    try (Connection connection = pgwake.connect(DATABASE, USER)) {
                        while (running.get()) {
                            try {
                                assertEquals("busy " + client, Sql.one(connection,
                                        "select 'busy ' || " + client + " from pg_sleep(" + sleep + ")"));
                                queries.incrementAndGet();
                            } catch (SQLException e) {
                                errors.add("busy client " + client + ": " + e.getSQLState() + " " + e.getMessage());
                            }
                        }
                    }
                    return null;
                }));
            }
        }

        /** Waits until the busy clients have run {@code more} queries beyond the ones so far. */
        void awaitQueries(int more) throws Exception {
            int target = queries.get() + more;
            Await.until(Duration.ofSeconds(20), queries::get, done -> done >= target, "busy clients' queries");
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            for (CompletableFuture<Void> client : clients) {
                client.get(20, TimeUnit.SECONDS);
            }
            assertTrue(errors.isEmpty(), "other clients' queries failed: " + errors);
        }
    }

    @Test
    void cancelStopsTheOneQueryOfItsClientAndTheClientKeepsWorking() throws Exception {
        String marker = "cancel_me_" + UUID.randomUUID().toString().replace("-", "");
        try (BusyClients busy = new BusyClients(BUSY_CLIENTS, "0.02");
             Connection victim = pgwake.connect(DATABASE, USER); Statement statement = victim.createStatement();
             Connection direct = server.connect(DATABASE)) {
            busy.awaitQueries(BUSY_CLIENTS);
            CompletableFuture<Boolean> sleeping = Background.start("victim",
                    () -> statement.execute("select pg_sleep(30) as " + marker));
            Await.until(Duration.ofSeconds(20), () -> Sql.one(direct, "select count(*) from pg_stat_activity"
                    + " where state = 'active' and pid <> pg_backend_pid() and query like '%as " + marker + "'"),
                    "1"::equals, "the victim's pg_sleep(30) running on the server");
            statement.cancel();

            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> sleeping.get(20, TimeUnit.SECONDS));
            SQLException e = assertInstanceOf(SQLException.class, failed.getCause());
            assertEquals("57014", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("canceling statement due to user request"), e.getMessage());

            busy.awaitQueries(BUSY_CLIENTS);
            assertEquals("still here", Sql.one(victim, "select 'still here'"));
            victim.setAutoCommit(false);
            assertEquals("in a transaction", Sql.one(victim, "select 'in a transaction'"));
            victim.commit();
            victim.setAutoCommit(true);
        }
    }

    @Test
    void cancelRequestsFromIdleClientsCancelNothingOthersRun() throws Exception {
        List<Connection> idle = new ArrayList<>();
        try (BusyClients busy = new BusyClients(BUSY_CLIENTS, "0.2")) {
            for (int i = 0; i < 5; i++) {
                Connection connection = pgwake.connect(DATABASE, USER);
                idle.add(connection);
                assertEquals("1", Sql.one(connection, "select 1")); // it had a server connection, now others have it
            }
            busy.awaitQueries(BUSY_CLIENTS);
            for (int round = 0; round < 20; round++) {
                for (Connection connection : idle) {
                    connection.unwrap(PGConnection.class).cancelQuery();
                }
                Thread.sleep(50);
            }
            busy.awaitQueries(BUSY_CLIENTS);
        } finally {
            for (Connection connection : idle) {
                connection.close();
            }
        }
    }
}
