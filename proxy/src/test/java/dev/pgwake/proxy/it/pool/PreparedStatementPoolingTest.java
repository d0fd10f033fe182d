package dev.pgwake.proxy.it.pool;

import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pgjdbc's server-side prepared statements (named {@code S_1}, {@code S_2}, ... in every connection, so names
 * collide across clients) through a pool: they run on whichever server connection the transaction gets, batches
 * pipeline many Bind/Execute before one Sync, and Close, eviction, DDL and DEALLOCATE/DISCARD ALL leave every
 * client working.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class PreparedStatementPoolingTest {
    private static final String DATABASE = "pool_prepared";
    private static final String USER = PostgresFixture.TRUST_USER;
    private static final int CLIENTS = 50;
    private static final Duration RUN = Duration.ofSeconds(45);

    private static DirectServer server;
    private static PoolingPgwake pgwake;

    @BeforeAll
    static void start() throws SQLException {
        server = DirectServer.shared();
        server.createDatabase(DATABASE);
        server.execute(DATABASE,
                "create table items (client int, k int, v int not null, primary key (client, k))",
                "grant all on items to public");
        pgwake = PoolingPgwake.start("pool:\n  pool_mode: transaction\n  pool_size: 5\n");
    }

    @AfterAll
    static void stop() {
        if (pgwake != null) {
            pgwake.close();
        }
    }

    /** pgjdbc properties: named server-side statements from the {@code threshold}-th execution on. */
    private static Properties prepareThreshold(int threshold) {
        Properties properties = PoolingPgwake.properties(USER);
        properties.setProperty("prepareThreshold", Integer.toString(threshold));
        return properties;
    }

    @ParameterizedTest(name = "prepareThreshold={0}")
    @ValueSource(ints = {1, 5})
    void namedStatementsRunOnWhicheverServerConnectionTheTransactionGets(int threshold) throws Exception {
        int base = threshold * 1000;
        ConcurrentClients.run(CLIENTS, RUN, client -> {
            try (Connection connection = pgwake.connect(DATABASE, prepareThreshold(threshold));
                 PreparedStatement add = connection.prepareStatement("select ?::int + ?::int, ?::text || current_user");
                 PreparedStatement insert = connection.prepareStatement(
                         "insert into items (client, k, v) values (?, ?, ?)");
                 PreparedStatement sum = connection.prepareStatement("select sum(v) from items where client = ?")) {
                int key = base + client;
                long expectedSum = 0;
                for (int round = 0; round < 20; round++) {
                    boolean inTransaction = round % 2 == 1;
                    connection.setAutoCommit(!inTransaction);
                    add.setInt(1, client);
                    add.setInt(2, round);
                    add.setString(3, "client " + client + " as ");
                    try (ResultSet rows = add.executeQuery()) {
                        assertTrue(rows.next());
                        assertEquals(client + round, rows.getInt(1), "client " + client + " round " + round);
                        assertEquals("client " + client + " as " + USER, rows.getString(2));
                    }
                    insert.setInt(1, key);
                    insert.setInt(2, round);
                    insert.setInt(3, round * 10);
                    assertEquals(1, insert.executeUpdate());
                    expectedSum += round * 10L;
                    sum.setInt(1, key);
                    try (ResultSet rows = sum.executeQuery()) {
                        assertTrue(rows.next());
                        assertEquals(expectedSum, rows.getLong(1), "client " + client + " round " + round);
                    }
                    if (inTransaction) {
                        connection.commit();
                    }
                }
            }
        });
        try (Connection direct = server.connect(DATABASE)) {
            assertEquals(Integer.toString(CLIENTS * 20), Sql.one(direct,
                    "select count(*) from items where client between " + base + " and " + (base + CLIENTS - 1)));
        }
    }

    @Test
    void batchesGiveTheRightUpdateCountsAndAFailedBatchLeavesNothingBehind() throws Exception {
        ConcurrentClients.run(20, RUN, client -> {
            int key = 10_000 + client;
            try (Connection connection = pgwake.connect(DATABASE, prepareThreshold(1));
                 PreparedStatement insert = connection.prepareStatement(
                         "insert into items (client, k, v) values (?, ?, ?)");
                 PreparedStatement update = connection.prepareStatement(
                         "update items set v = v + 1 where client = ? and k % ? = 0")) {
                int[] ones = new int[500];
                Arrays.fill(ones, 1);
                assertArrayEquals(ones, insertBatch(insert, key, 0, 500), "client " + client + ": 500 inserts");

                for (int modulus : new int[] {1, 2, 5, 7}) {
                    update.setInt(1, key);
                    update.setInt(2, modulus);
                    update.addBatch();
                }
                assertArrayEquals(new int[] {500, 250, 100, 72}, update.executeBatch(), "client " + client);

                connection.setAutoCommit(false);
                insertBatch(insert, key, 500, 100);
                connection.rollback();
                assertArrayEquals(new int[] {1, 1, 1}, insertBatch(insert, key, 600, 3));
                connection.commit();
                connection.setAutoCommit(true);

                BatchUpdateException failed = assertThrows(BatchUpdateException.class,
                        () -> insertBatch(insert, key, 700, 50, 700)); // 700..749, then 700 again
                assertEquals("23505", failed.getSQLState(), failed.getMessage());
                assertEquals("503", Sql.one(connection, "select count(*) from items where client = " + key),
                        "client " + client + ": rows after a rolled back batch and a failed one");
                // 0..499 once each, plus one per update that matched: 500 + 250 + 100 + 72
                assertEquals("125672", Sql.one(connection, "select sum(v) from items where client = " + key
                        + " and k < 500"), "client " + client + ": values after the update batch");
            }
        });
    }

    /** Adds rows {@code from} to {@code from + count - 1} to a batch, then the {@code again} keys, and runs it. */
    private static int[] insertBatch(PreparedStatement insert, int client, int from, int count, int... again)
            throws SQLException {
        for (int k = from; k < from + count; k++) {
            insert.setInt(1, client);
            insert.setInt(2, k);
            insert.setInt(3, k);
            insert.addBatch();
        }
        for (int k : again) {
            insert.setInt(1, client);
            insert.setInt(2, k);
            insert.setInt(3, k);
            insert.addBatch();
        }
        return insert.executeBatch();
    }

    @Test
    void closedAndEvictedStatementsArePreparedAgainWhenUsedAgain() throws Exception {
        try (PoolingPgwake small = PoolingPgwake.start("pool:\n  pool_size: 2\n  max_prepared_statements: 10\n")) {
            ConcurrentClients.run(8, RUN, client -> {
                Properties properties = prepareThreshold(1);
                properties.setProperty("preparedStatementCacheQueries", "16");
                try (Connection connection = small.connect(DATABASE, properties)) {
                    for (int pass = 0; pass < 3; pass++) {
                        for (int n = 0; n < 40; n++) {
                            try (PreparedStatement statement = connection.prepareStatement(
                                    "select ?::int * " + n + ", ?::text")) {
                                for (int execution = 0; execution < 2; execution++) {
                                    statement.setInt(1, client);
                                    statement.setString(2, "pass " + pass);
                                    try (ResultSet rows = statement.executeQuery()) {
                                        assertTrue(rows.next());
                                        assertEquals(client * n, rows.getInt(1),
                                                "client " + client + " statement " + n + " pass " + pass);
                                        assertEquals("pass " + pass, rows.getString(2));
                                    }
                                }
                            }
                        }
                    }
                }
            });
        }
    }

    @Test
    void aPreparedSelectStarReturnsTheNewColumnsAfterAlterTable() throws Exception {
        int clients = 5;
        for (int client = 0; client < clients; client++) {
            server.execute(DATABASE, "drop table if exists altered_" + client,
                    "create table altered_" + client + " (id int primary key, a text)",
                    "insert into altered_" + client + " values (1, 'one')",
                    "grant all on altered_" + client + " to public");
        }
        CyclicBarrier altered = new CyclicBarrier(clients, () -> {
            try {
                for (int client = 0; client < clients; client++) {
                    server.execute(DATABASE, "alter table altered_" + client + " add column b text default 'bee'");
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        ConcurrentClients.run(clients, RUN, client -> {
            try (Connection connection = pgwake.connect(DATABASE, prepareThreshold(1));
                 PreparedStatement select = connection.prepareStatement(
                         "select * from altered_" + client + " where id = ?")) {
                for (int i = 0; i < 3; i++) {
                    assertEquals("1|one", row(select), "client " + client + " before alter table");
                }
                altered.await(30, TimeUnit.SECONDS);
                for (int i = 0; i < 3; i++) {
                    assertEquals("1|one|bee", row(select), "client " + client + " after alter table, execution " + i);
                }
            }
        });
    }

    /** Runs {@code select} for id 1 and joins the columns of its one row with '|'. */
    private static String row(PreparedStatement select) throws SQLException {
        select.setInt(1, 1);
        try (ResultSet rows = select.executeQuery()) {
            assertTrue(rows.next());
            StringBuilder row = new StringBuilder();
            for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                row.append(column == 1 ? "" : "|").append(rows.getString(column));
            }
            return row.toString();
        }
    }

    @Test
    void deallocateAllAndDiscardAllFromOneClientLeaveTheOthersStatementsAndSettingsAlone() throws Exception {
        try (PoolingPgwake single = PoolingPgwake.start("pool:\n  pool_size: 1\n");
             Connection a = single.connect(DATABASE, prepareThreshold(1));
             Connection b = single.connect(DATABASE, prepareThreshold(1));
             PreparedStatement aOld = a.prepareStatement("select 'a old ' || ?::text");
             PreparedStatement bOld = b.prepareStatement("select 'b old ' || ?::text")) {
            Sql.execute(b, "set application_name = 'client b'");
            assertEquals("a old 1", value(aOld, "1"));
            assertEquals("b old 1", value(bOld, "1"));
            for (String reset : new String[] {"deallocate all", "discard all"}) {
                Sql.execute(a, reset);
                assertEquals("a old 2", value(aOld, "2"), "a's own statement after its " + reset);
                try (PreparedStatement aNew = a.prepareStatement("select 'a new ' || ?::text || ' " + reset + "'")) {
                    assertEquals("a new 3 " + reset, value(aNew, "3"));
                    assertEquals("a new 4 " + reset, value(aNew, "4"));
                }
                assertEquals("b old 2", value(bOld, "2"), "b's statement after a's " + reset);
                try (PreparedStatement bNew = b.prepareStatement("select 'b new ' || ?::text || ' " + reset + "'")) {
                    assertEquals("b new 3 " + reset, value(bNew, "3"));
                }
                assertEquals("client b", Sql.one(b, "show application_name"), "b's setting after a's " + reset);
            }
        }
    }

    @Test
    void twoClientsStatementsWithTheSameNamesShareTheOneServerConnection() throws Exception {
        try (PoolingPgwake single = PoolingPgwake.start("pool:\n  pool_size: 1\n");
             Connection a = single.connect(DATABASE, prepareThreshold(1));
             Connection b = single.connect(DATABASE, prepareThreshold(1));
             PreparedStatement aPid = a.prepareStatement("select 'a' || ?::text, pg_backend_pid()");
             PreparedStatement bPid = b.prepareStatement("select 'b' || ?::text, pg_backend_pid()")) {
            int[] pids = new int[2];
            for (int round = 0; round < 5; round++) {
                pids[0] = answer(aPid, round, "a");
                pids[1] = answer(bPid, round, "b");
            }
            assertEquals(pids[0], pids[1], "with pool_size 1 both clients should run on the one server backend");
        }
    }

    /** Runs a ('prefix' || round, pid) statement, checks the text and returns the pid. */
    private static int answer(PreparedStatement statement, int round, String prefix) throws SQLException {
        statement.setString(1, Integer.toString(round));
        try (ResultSet rows = statement.executeQuery()) {
            assertTrue(rows.next());
            assertEquals(prefix + round, rows.getString(1));
            return rows.getInt(2);
        }
    }

    private static String value(PreparedStatement statement, String parameter) throws SQLException {
        statement.setString(1, parameter);
        try (ResultSet rows = statement.executeQuery()) {
            assertTrue(rows.next());
            return rows.getString(1);
        }
    }
}
