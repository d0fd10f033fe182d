package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** {@code ProxyServer.shutdown}: no new clients, the HTTP listener gone, connected clients cut off, waiters released. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ShutdownTest {
    @Test
    void shutdownStopsAcceptingAndClosesEverythingWithinTheTimeout() throws Exception {
        Pgwake pgwake = Pgwake.start("");
        int port = pgwake.port();
        int httpPort = pgwake.httpPort();
        try (Connection client = pgwake.connect()) {
            assertEquals("1", Sql.one(client, "select 1"));
            assertEquals(200, new HttpCalls(httpPort).get("/health/ready").statusCode());
            CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
                try {
                    pgwake.server().awaitClose();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            long started = System.nanoTime();
            pgwake.server().shutdown(Duration.ofSeconds(5));
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(20), "bounded by the timeout");

            closed.get(10, TimeUnit.SECONDS);
            assertRefused(port);
            assertRefused(httpPort);
            assertThrows(SQLException.class, () -> Sql.one(client, "select 1"), "the client was cut off");
            pgwake.server().shutdown(Duration.ofSeconds(5)); // again: returns at once
        } finally {
            pgwake.close();
        }
    }

    private static void assertRefused(int port) {
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(0);
            } catch (ConnectException e) {
                throw e;
            } catch (IOException e) {
                throw new AssertionError("port " + port + " still accepts connections", e);
            }
        });
    }
}
