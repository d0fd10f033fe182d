package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.lifecycle.local.PortAllocator;
import dev.pgwake.proxy.testing.PostgresFixture;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** What clients see when something fails: an ErrorResponse with a real SQLSTATE, promptly, never a hang. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class FailureTest {
    private static final PortAllocator PORTS = new PortAllocator();

    @Test
    void aBranchWhereNothingListensFailsAtOnceWith08006() {
        int nothingThere = PORTS.allocate();
        try (Pgwake pgwake = Pgwake.start(Map.of("main", "127.0.0.1:" + nothingThere), "")) {
            SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(SQLException.class, () -> pgwake.connect().close()));
            assertEquals("08006", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("branch \"main\""), e.getMessage());
        }
    }

    @Test
    void aServerThatNeverAnswersFailsWith08006AfterTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(PORTS.allocate(), 50, InetAddress.getLoopbackAddress());
             Pgwake pgwake = Pgwake.start(Map.of("main", "127.0.0.1:" + silent.getLocalPort()),
                     "server:\n  connect_timeout: 500ms\n")) {
            SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(SQLException.class, () -> pgwake.connect().close()));
            assertEquals("08006", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("did not complete login within 500 ms"), e.getMessage());
        }
    }

    @Test
    void inSessionModeATerminatedServerBackendIsReportedOnTheNextQuery() throws Exception {
        try (Pgwake pgwake = Pgwake.start("pool:\n  pool_mode: session\n"); Connection connection = pgwake.connect();
             Connection direct = PostgresFixture.shared().connect()) {
            String pid = Sql.one(connection, "select pg_backend_pid()");
            assertEquals("t", Sql.one(direct, "select pg_terminate_backend(" + pid + ")"));
            Await.until(Duration.ofSeconds(10), 0L, () -> Sql.count(direct,
                    "select count(*) from pg_stat_activity where pid = " + pid), "backend " + pid);

            SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(SQLException.class, () -> Sql.one(connection, "select 1")));
            assertEquals("57P01", e.getSQLState(), e.getMessage());
            assertTrue(connection.isClosed() || !connection.isValid(2), "the connection still looks usable");
        }
    }

    @Test
    void inTransactionModeAServerBackendTerminatedBetweenTransactionsIsReplacedUnnoticed() throws Exception {
        try (Pgwake pgwake = Pgwake.start(""); Connection connection = pgwake.connect();
             Connection direct = PostgresFixture.shared().connect()) {
            String pid = Sql.one(connection, "select pg_backend_pid()");
            assertEquals("t", Sql.one(direct, "select pg_terminate_backend(" + pid + ")"));
            Await.until(Duration.ofSeconds(10), 0L, () -> Sql.count(direct,
                    "select count(*) from pg_stat_activity where pid = " + pid), "backend " + pid);

            String next = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Sql.one(connection, "select pg_backend_pid()"));
            assertNotEquals(pid, next, "the client got a new server connection");
        }
    }

    @Test
    void aStartupPacketOverTenThousandBytesIs08P01() throws SQLException {
        try (Pgwake pgwake = Pgwake.start("")) {
            try (Connection nearTheLimit = pgwake.connect(withOptions("-c pgwake_it.padding=" + "a".repeat(9_500)))) {
                assertEquals("9500", Sql.one(nearTheLimit, "select length(current_setting('pgwake_it.padding'))"));
            }
            Properties overTheLimit = withOptions("-c pgwake_it.padding=" + "a".repeat(10_001));
            SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(SQLException.class, () -> pgwake.connect(overTheLimit).close()));
            assertEquals("08P01", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("invalid length of startup packet"), e.getMessage());
        }
    }

    /** Properties whose {@code options} startup parameter is {@code options}: pgjdbc always sends it at startup. */
    private static Properties withOptions(String options) {
        Properties properties = Pgwake.properties(PostgresFixture.SUPERUSER, null);
        properties.setProperty("options", options);
        return properties;
    }
}
