package dev.pgwake.proxy.it.pool;

import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.postgresql.PGConnection;

/**
 * Two clients on the one server connection of a pool ({@code pool_size: 1}) each see only their own session
 * settings: SET, startup {@code options=-c ...}, RESET and RESET ALL, SET in rolled back transactions and
 * savepoints, SET LOCAL. Checked by SHOW, {@code current_setting}, the ParameterStatus values pgjdbc was told, and
 * which table an unqualified name resolves to.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class SessionParameterIsolationTest {
    private static final String DATABASE = "pool_settings";
    private static final String USER = PostgresFixture.TRUST_USER;
    private static final String DEFAULT_PATH = "\"$user\", public";

    private static PoolingPgwake pgwake;

    @BeforeAll
    static void start() throws SQLException {
        DirectServer server = DirectServer.shared();
        server.createDatabase(DATABASE);
        server.execute(DATABASE,
                "create schema a_schema", "create schema b_schema",
                "grant usage on schema a_schema, b_schema to public",
                "create table public.which as select 'public' as v",
                "create table a_schema.which as select 'a' as v",
                "create table b_schema.which as select 'b' as v",
                "grant select on public.which, a_schema.which, b_schema.which to public");
        pgwake = PoolingPgwake.start("pool:\n  pool_mode: transaction\n  pool_size: 1\n");
    }

    @AfterAll
    static void stop() {
        if (pgwake != null) {
            pgwake.close();
        }
    }

    /** What a client expects of its session; checked in one transaction or as autocommit statements. */
    private record Expected(String searchPath, String table, String schemas, String statementTimeout,
                            String timeZone) {
        void check(Connection connection, String who) throws SQLException {
            assertEquals(searchPath, Sql.one(connection, "show search_path"), who + ": search_path");
            assertEquals(table, Sql.one(connection, "select v from which"), who + ": unqualified table 'which'");
            assertEquals(schemas, Sql.one(connection, "select current_schemas(false)::text"), who + ": schemas");
            assertEquals(statementTimeout, Sql.one(connection, "select current_setting('statement_timeout')"),
                    who + ": statement_timeout");
            if (timeZone != null) {
                assertEquals(timeZone, Sql.one(connection, "show timezone"), who + ": TimeZone");
                assertEquals(timeZone, reported(connection, "TimeZone"), who + ": TimeZone as reported to the client");
            }
        }

        void checkInTransaction(Connection connection, String who) throws SQLException {
            connection.setAutoCommit(false);
            check(connection, who + " (in a transaction)");
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    private static final Expected DEFAULTS = new Expected(DEFAULT_PATH, "public", "{public}", "0", null);

    private static Connection connect() throws SQLException {
        return pgwake.connect(DATABASE, USER);
    }

    private static Connection connect(String options) throws SQLException {
        Properties properties = PoolingPgwake.properties(USER);
        properties.setProperty("options", options);
        return pgwake.connect(DATABASE, properties);
    }

    /** The value of a parameter as the last ParameterStatus told pgjdbc. */
    private static String reported(Connection connection, String name) throws SQLException {
        return connection.unwrap(PGConnection.class).getParameterStatus(name);
    }

    @Test
    void setValuesStayWithTheClientThatSetThem() throws SQLException {
        try (Connection a = connect(); Connection b = connect()) {
            Sql.execute(a, "set search_path to a_schema");
            Sql.execute(a, "set statement_timeout = '1234ms'");
            Sql.execute(a, "set time zone 'America/New_York'");
            Sql.execute(a, "set application_name = 'A'");
            Sql.execute(b, "set time zone 'Asia/Tokyo'");
            Sql.execute(b, "set application_name = 'B'");
            Expected forA = new Expected("a_schema", "a", "{a_schema}", "1234ms", "America/New_York");
            Expected forB = new Expected(DEFAULT_PATH, "public", "{public}", "0", "Asia/Tokyo");
            for (int round = 0; round < 5; round++) {
                forA.check(a, "A");
                forB.checkInTransaction(b, "B");
                forA.checkInTransaction(a, "A");
                forB.check(b, "B");
                assertEquals("A", Sql.one(a, "show application_name"));
                assertEquals("B", Sql.one(b, "show application_name"));
                assertEquals("A", reported(a, "application_name"));
                assertEquals("B", reported(b, "application_name"));
            }
        }
    }

    @Test
    void aTimeZoneSetAsAnIntervalStaysWithItsClientAndIsReplayedInAFormSetAccepts() throws SQLException {
        try (Connection a = connect(); Connection b = connect()) {
            String zoneOfB = Sql.one(b, "show timezone");
            Sql.execute(a, "set time zone interval '+05:30' hour to minute");
            String zoneOfA = Sql.one(a, "show timezone");
            for (int round = 0; round < 3; round++) { // one server connection: each query of A follows one of B
                assertEquals(zoneOfB, Sql.one(b, "show timezone"), "B keeps its zone");
                assertEquals(zoneOfA, Sql.one(a, "show timezone"), "A's zone comes back after B's queries");
                assertEquals("19800", Sql.one(a, "select extract(timezone from now())::int::text"), "+05:30 in seconds");
                assertEquals(zoneOfA, reported(a, "TimeZone"));
            }
        }
    }

    @Test
    void startupOptionsApplyToTheirClientOnly() throws SQLException {
        try (Connection a = connect("-c search_path=a_schema -c statement_timeout=4321"); Connection b = connect()) {
            Expected forA = new Expected("a_schema", "a", "{a_schema}", "4321ms", null);
            for (int round = 0; round < 5; round++) {
                forA.check(a, "A");
                DEFAULTS.check(b, "B");
                forA.checkInTransaction(a, "A");
                DEFAULTS.checkInTransaction(b, "B");
            }
        }
    }

    @Test
    void resetAndResetAllGoBackToTheClientsOwnStartValues() throws SQLException {
        try (Connection a = connect("-c search_path=a_schema"); Connection b = connect()) {
            Sql.execute(b, "set statement_timeout = '777ms'");
            Sql.execute(b, "set search_path to b_schema");
            Expected forB = new Expected("b_schema", "b", "{b_schema}", "777ms", null);

            Sql.execute(a, "set search_path to b_schema");
            Sql.execute(a, "set statement_timeout = '999ms'");
            new Expected("b_schema", "b", "{b_schema}", "999ms", null).check(a, "A after SET");
            forB.check(b, "B");

            Sql.execute(a, "reset search_path");
            new Expected("a_schema", "a", "{a_schema}", "999ms", null).check(a, "A after RESET search_path");
            forB.checkInTransaction(b, "B after A's RESET");

            Sql.execute(a, "set search_path to public");
            Sql.execute(a, "reset all");
            new Expected("a_schema", "a", "{a_schema}", "0", null).check(a, "A after RESET ALL");
            forB.check(b, "B after A's RESET ALL");

            Sql.execute(b, "reset all");
            DEFAULTS.check(b, "B after its own RESET ALL");
            new Expected("a_schema", "a", "{a_schema}", "0", null).checkInTransaction(a, "A after B's RESET ALL");
        }
    }

    @Test
    void setInARolledBackOrFailedTransactionDoesNotStick() throws SQLException {
        try (Connection a = connect(); Connection b = connect()) {
            a.setAutoCommit(false);
            Sql.execute(a, "set search_path to a_schema");
            assertEquals("a", Sql.one(a, "select v from which"));
            a.rollback();
            a.setAutoCommit(true);
            DEFAULTS.check(a, "A after a rolled back SET");
            DEFAULTS.check(b, "B");

            a.setAutoCommit(false);
            Sql.execute(a, "set search_path to a_schema");
            assertThrows(SQLException.class, () -> Sql.one(a, "select 1/0"));
            a.rollback();
            a.setAutoCommit(true);
            DEFAULTS.check(a, "A after a SET in a failed transaction");
            DEFAULTS.checkInTransaction(b, "B");
        }
    }

    @Test
    void setLocalEndsWithItsTransaction() throws SQLException {
        try (Connection a = connect(); Connection b = connect()) {
            a.setAutoCommit(false);
            Sql.execute(a, "set local statement_timeout = '555ms'");
            Sql.execute(a, "set local search_path to a_schema");
            assertEquals("555ms", Sql.one(a, "show statement_timeout"));
            assertEquals("a", Sql.one(a, "select v from which"));
            a.commit();
            a.setAutoCommit(true);
            DEFAULTS.check(a, "A after a committed SET LOCAL");
            DEFAULTS.checkInTransaction(b, "B after A's SET LOCAL");
            DEFAULTS.check(b, "B after A's SET LOCAL");
        }
    }

    @Test
    void aCommittedSetStaysButNotOneRolledBackToASavepoint() throws SQLException {
        try (Connection a = connect(); Connection b = connect()) {
            a.setAutoCommit(false);
            Sql.execute(a, "set statement_timeout = '666ms'");
            Sql.execute(a, "savepoint before_path");
            Sql.execute(a, "set search_path to b_schema");
            Sql.execute(a, "rollback to savepoint before_path");
            Sql.execute(a, "set search_path to a_schema");
            Sql.execute(a, "savepoint kept");
            Sql.execute(a, "set time zone 'Europe/Paris'");
            Sql.execute(a, "release savepoint kept");
            a.commit();
            a.setAutoCommit(true);
            new Expected("a_schema", "a", "{a_schema}", "666ms", "Europe/Paris")
                    .check(a, "A after a committed SET, a SET rolled back to a savepoint and one released");
            DEFAULTS.check(b, "B after A's committed SETs");
        }
    }

    @Test
    void settingsFromAMultiStatementSimpleQueryStay() throws SQLException {
        checkAfterSimpleQueries(new Expected("a_schema", "a", "{a_schema}", "2345ms", null),
                "set search_path to a_schema; set statement_timeout = '2345ms'; select 1");
    }

    @Test
    void setsRolledBackInTheSameQueryStringAreGoneAndThoseAfterStay() throws SQLException {
        checkAfterSimpleQueries(new Expected(DEFAULT_PATH, "public", "{public}", "3456ms", null),
                "begin; set search_path to a_schema; rollback; set statement_timeout = '3456ms'",
                "set search_path to b_schema; rollback"); // an implicit block, rolled back with a warning
    }

    /** Client A sends each of {@code queries} as one simple Query; then A sees {@code forA}, B the defaults. */
    private static void checkAfterSimpleQueries(Expected forA, String... queries) throws SQLException {
        Properties simple = PoolingPgwake.properties(USER);
        simple.setProperty("preferQueryMode", "simple");
        try (Connection a = pgwake.connect(DATABASE, simple); Connection b = connect()) {
            for (String query : queries) {
                Sql.execute(a, query);
            }
            for (int round = 0; round < 3; round++) {
                forA.check(a, "A");
                DEFAULTS.check(b, "B");
            }
        }
    }

    @Test
    void bothClientsRunOnTheOneServerBackend() throws SQLException {
        try (Connection a = connect(); Connection b = connect()) {
            int pidA = Sql.backendPid(a);
            int pidB = Sql.backendPid(b);
            assertEquals(pidA, pidB, "with pool_size 1 both clients should run on the one server backend");
        }
    }
}
