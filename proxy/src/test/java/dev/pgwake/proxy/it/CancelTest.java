package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

/**
 * Query cancel with pgwake's own BackendKeyData: pgjdbc sends its CancelRequest to pgwake, which forwards it
 * to the server with the server's key.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class CancelTest {
    @RegisterExtension
    static final PgwakePerClass pgwake = new PgwakePerClass("");

    @Test
    void cancelStopsALongQueryWith57014AndTheConnectionStaysUsable() throws SQLException {
        try (Connection connection = pgwake.connect(); Statement statement = connection.createStatement()) {
            Executor later = CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS);
            CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
                try {
                    statement.cancel();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, later);

            SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(SQLException.class, () -> statement.execute("select pg_sleep(30)")));
            assertEquals("57014", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("canceling statement due to user request"), e.getMessage());
            cancel.join();

            assertEquals("still here", Sql.one(connection, "select 'still here'"));
        }
    }

    @Test
    void aCancelRequestWithAnotherSessionsKeyCancelsNothing() throws Exception {
        try (Connection victim = pgwake.connect(); Connection other = pgwake.connect()) {
            CompletableFuture<Void> cancelOther = CompletableFuture.runAsync(() -> {
                try {
                    other.unwrap(PGConnection.class).cancelQuery(); // sent even though other is idle
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
            assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertEquals("", Sql.one(victim, "select pg_sleep(1)::text")));
            cancelOther.join();
            assertEquals("1", Sql.one(other, "select 1"));
        }
    }
}
