package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** Messages the server sends besides results: NoticeResponse and NotificationResponse (LISTEN/NOTIFY). */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class AsyncMessageRelayTest {
    @RegisterExtension
    static final PgwakePerClass pgwake = new PgwakePerClass("");

    @Test
    void raiseNoticeArrivesAsSqlWarnings() throws SQLException {
        try (Connection connection = pgwake.connect(); Statement statement = connection.createStatement()) {
            statement.execute("do $$ begin raise notice 'first notice %', 42; raise warning 'then a warning'; end $$");
            SQLWarning first = statement.getWarnings();
            assertNotNull(first, "no NoticeResponse reached the client");
            assertEquals("first notice 42", first.getMessage().replaceFirst("^NOTICE: ", ""));
            assertEquals("00000", first.getSQLState());
            SQLWarning second = first.getNextWarning();
            assertNotNull(second, "the second NoticeResponse did not reach the client");
            assertEquals("01000", second.getSQLState());
            assertTrue(second.getMessage().contains("then a warning"), second.getMessage());
            assertNull(second.getNextWarning());
        }
    }

    @Test
    void notifyFromOneConnectionReachesAListenerOnAnother() throws SQLException {
        String channel = "it_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection listener = pgwake.connect(); Connection notifier = pgwake.connect();
             Statement listen = listener.createStatement(); Statement notify = notifier.createStatement()) {
            listen.execute("listen " + channel);
            int listenerPid = Integer.parseInt(Sql.one(listener, "select pg_backend_pid()"));
            int notifierPid = Integer.parseInt(Sql.one(notifier, "select pg_backend_pid()"));
            notify.execute("notify " + channel + ", 'first'");
            notify.execute("select pg_notify('" + channel + "', 'second')");

            List<PGNotification> received = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.size() < 2 && System.nanoTime() < deadline) {
                PGNotification[] batch = listener.unwrap(PGConnection.class).getNotifications(500);
                received.addAll(List.of(batch == null ? new PGNotification[0] : batch));
            }
            assertEquals(2, received.size(), "notifications received within 10 s: " + received.size());
            assertEquals(List.of("first", "second"), received.stream().map(PGNotification::getParameter).toList());
            for (PGNotification notification : received) {
                assertEquals(channel, notification.getName());
                assertEquals(notifierPid, notification.getPID());
            }
            assertTrue(listenerPid != notifierPid);
        }
    }
}
