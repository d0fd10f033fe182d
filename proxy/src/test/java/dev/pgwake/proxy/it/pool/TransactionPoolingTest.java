package dev.pgwake.proxy.it.pool;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Fifty pgjdbc clients share five server connections ({@code pool_size: 5}): every result is the client's own,
 * a transaction runs on one server backend from BEGIN to COMMIT, and the server never sees more than five
 * backends for the pool, nor keeps any once they idle past {@code server_idle_timeout}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class TransactionPoolingTest {
    private static final String DATABASE = "pool_transaction";
    private static final String USER = PostgresFixture.TRUST_USER;
    private static final int CLIENTS = 50;
    private static final int POOL_SIZE = 5;
    private static final int ROUNDS = 30;
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static DirectServer server;
    private static PoolingPgwake pgwake;

    @BeforeAll
    static void start() throws SQLException {
        server = DirectServer.shared();
        server.createDatabase(DATABASE);
        server.execute(DATABASE,
                "create table counters (client int primary key, n bigint not null)",
                "create table notes (client int, round int, note text not null, primary key (client, round))",
                "grant all on counters, notes to public");
        pgwake = PoolingPgwake.start("pool:\n  pool_mode: transaction\n  pool_size: " + POOL_SIZE + "\n"
                + "  server_idle_timeout: 1s\n");
    }

    @AfterAll
    static void stop() {
        if (pgwake != null) {
            pgwake.close();
        }
    }

    @Test
    void fiftyClientsOnFiveServerConnectionsEachSeeTheirOwnWork() throws Exception {
        server.execute(DATABASE, "insert into counters select g, 0 from generate_series(0, " + (CLIENTS - 1) + ") g");
        int peak;
        String observed;
        try (BackendPeak watch = BackendPeak.watch(server, DATABASE, USER)) {
            ConcurrentClients.run(CLIENTS, Duration.ofSeconds(60), TransactionPoolingTest::mixOfTransactions);
            peak = watch.peak();
            observed = watch.describe();
        }
        long committedPerClient = IntStream.range(0, ROUNDS).filter(round -> round % 3 != 2).count();
        long notesPerClient = IntStream.range(0, ROUNDS).filter(round -> round % 3 == 1).count();
        try (Connection direct = server.connect(DATABASE)) {
            assertEquals(Long.toString(CLIENTS * committedPerClient), Sql.one(direct, "select sum(n) from counters"));
            assertEquals(Long.toString(CLIENTS * notesPerClient), Sql.one(direct, "select count(*) from notes"));
        }
        assertTrue(peak <= POOL_SIZE, "the pool went over pool_size " + POOL_SIZE + ": " + observed);
        Await.until(WAIT, () -> server.backendCount(DATABASE, USER), count -> count == 0,
                "server backends of the pool once every client left and server_idle_timeout (1s) passed");
    }

    private static void mixOfTransactions(int client) throws SQLException {
        try (CounterClient counter = new CounterClient(client)) {
            for (int round = 0; round < ROUNDS; round++) {
                counter.round(round);
            }
        }
    }

    /**
     * One client's rounds, in threes: an autocommit increment of its counter, a committed transaction that reads back
     * what it wrote, and a rolled back one whose writes must vanish.
     */
    private static final class CounterClient implements AutoCloseable {
        private final int client;
        private final Connection connection;
        private final PreparedStatement increment;
        private final PreparedStatement note;
        private final PreparedStatement readNote;
        private long expected;

        CounterClient(int client) throws SQLException {
            this.client = client;
            this.connection = pgwake.connect(DATABASE, USER);
            this.increment = connection.prepareStatement("update counters set n = n + 1 where client = ? returning n");
            this.note = connection.prepareStatement("insert into notes (client, round, note) values (?, ?, ?)");
            this.readNote = connection.prepareStatement("select note from notes where client = ? and round = ?");
        }

        void round(int round) throws SQLException {
            String what = "client " + client + " round " + round;
            switch (round % 3) {
                case 0 -> assertEquals(++expected, increment(), what + ": autocommit increment");
                case 1 -> committed(round, what);
                default -> rolledBack(round, what);
            }
        }

        private void committed(int round, String what) throws SQLException {
            connection.setAutoCommit(false);
            int pidAtStart = Sql.backendPid(connection);
            assertEquals(1, writeNote(round, what), what);
            readNote.setInt(1, client);
            readNote.setInt(2, round);
            try (ResultSet rows = readNote.executeQuery()) {
                assertTrue(rows.next(), what + ": own uncommitted note not visible in its transaction");
                assertEquals(what, rows.getString(1));
            }
            assertEquals(++expected, increment(), what + ": increment in a transaction");
            assertEquals(pidAtStart, Sql.backendPid(connection),
                    what + ": the transaction moved to another server backend before COMMIT");
            connection.commit();
            connection.setAutoCommit(true);
        }

        private void rolledBack(int round, String what) throws SQLException {
            connection.setAutoCommit(false);
            assertEquals(expected + 1, increment(), what + ": increment to roll back");
            writeNote(round, "rolled back");
            connection.rollback();
            connection.setAutoCommit(true);
            assertEquals(Long.toString(expected), Sql.one(connection, "select n from counters where client = "
                    + client), what + ": a rolled back increment stuck");
            assertEquals("0", Sql.one(connection, "select count(*) from notes where client = " + client
                    + " and round = " + round), what + ": a rolled back insert stuck");
        }

        private long increment() throws SQLException {
            increment.setInt(1, client);
            try (ResultSet rows = increment.executeQuery()) {
                assertTrue(rows.next());
                long value = rows.getLong(1);
                assertFalse(rows.next());
                return value;
            }
        }

        private int writeNote(int round, String text) throws SQLException {
            note.setInt(1, client);
            note.setInt(2, round);
            note.setString(3, text);
            return note.executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            connection.close(); // closes its statements
        }
    }

    @Test
    void fiftyConnectedClientsThatRanAQueryHoldAtMostFiveServerBackends() throws Exception {
        List<Connection> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Connection client = pgwake.connect(DATABASE, USER);
                clients.add(client);
                assertEquals(Integer.toString(i), Sql.one(client, "select " + i));
            }
            int backends = server.backendCount(DATABASE, USER);
            assertTrue(backends <= POOL_SIZE, CLIENTS + " idle clients hold " + backends
                    + " server backends, more than pool_size " + POOL_SIZE);
            for (Connection client : clients) {
                assertEquals("1", Sql.one(client, "select 1"));
            }
        } finally {
            for (Connection client : clients) {
                client.close();
            }
        }
    }

    @Test
    void anIdleServerConnectionClosesAfterServerIdleTimeoutWhileItsClientStaysConnected() throws Exception {
        try (Connection client = pgwake.connect(DATABASE, USER)) {
            assertEquals("1", Sql.one(client, "select 1"));
            Await.until(WAIT, () -> server.backendCount(DATABASE, USER), count -> count == 0,
                    "server backends of the pool with its one client idle past server_idle_timeout (1s)");
            assertEquals("2", Sql.one(client, "select 2"), "the client's next query after its server went away");
        }
    }
}
