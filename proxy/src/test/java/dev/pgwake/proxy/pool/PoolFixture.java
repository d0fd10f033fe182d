package dev.pgwake.proxy.pool;

import static dev.pgwake.proxy.pool.EmbeddedServers.ENDPOINT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.config.PoolMode;
import dev.pgwake.proxy.config.PoolSettings;
import dev.pgwake.proxy.testing.BackendMessage;
import dev.pgwake.proxy.testing.Hex;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import java.time.Duration;

/**
 * One {@link ServerPool} over {@link EmbeddedServers}, for a client on an {@link EmbeddedChannel}'s event loop:
 * every promise completes, and every listener runs, on the test's thread before the call returns. Settings are
 * PgBouncer's defaults but a {@code pool_size} of 1 until a test changes them; the pool is made on first use
 * ({@link #reconfigure()} applies later changes). Housekeeping runs when a test calls {@code tick}.
 */
final class PoolFixture {
    static final PoolKey KEY = new PoolKey("main", "app", "alice");
    static final Duration ONE_MILLI = Duration.ofMillis(1);
    /** Terminate: 'X', Int32 4. */
    private static final String TERMINATE = "5800000004";

    final EmbeddedServers servers = new EmbeddedServers();
    private final EmbeddedChannel client = new EmbeddedChannel();
    final EventLoop loop = client.eventLoop();
    int poolSize = 1;
    int minPoolSize;
    int reservePoolSize;
    Duration reservePoolTimeout = Duration.ofSeconds(5);
    Duration queryWaitTimeout = Duration.ofSeconds(120);
    Duration serverIdleTimeout = Duration.ofSeconds(600);
    Duration serverLifetime = Duration.ofSeconds(3600);
    Duration serverCheckDelay = Duration.ofSeconds(30);
    private ServerPool pool;

    PoolSettings settings() {
        return new PoolSettings(PoolMode.TRANSACTION, poolSize, minPoolSize, reservePoolSize, reservePoolTimeout,
                queryWaitTimeout, serverIdleTimeout, serverLifetime, serverCheckDelay, Duration.ZERO, Duration.ZERO, 100);
    }

    ServerPool pool() {
        if (pool == null) {
            pool = servers.pool(KEY, settings());
        }
        return pool;
    }

    /** Applies the settings changed since the pool was made. */
    void reconfigure() {
        pool().settings(settings());
    }

    Future<PooledServer> lease() {
        return pool().lease(loop, ENDPOINT);
    }

    /** A connection leased at once. */
    PooledServer leased() {
        Future<PooledServer> lease = lease();
        assertTrue(lease.isSuccess(), "leased at once");
        return lease.getNow();
    }

    void tick() {
        pool().tick(loop);
    }

    void assertCounts(int active, int idle, int opening, int waiting) {
        PoolStats stats = pool().stats();
        assertEquals(active, stats.active(), "active");
        assertEquals(idle, stats.idle(), "idle");
        assertEquals(opening, stats.opening(), "opening");
        assertEquals(waiting, stats.waiting(), "waiting");
    }

    /** The channel was sent Terminate and nothing else, and is closed. */
    static void assertTerminated(EmbeddedChannel channel) {
        assertEquals(TERMINATE, Hex.of(BackendMessage.drainOutbound(channel)));
        assertFalse(channel.isActive());
    }

    /** Sleeps until at least {@code duration} has passed on System.nanoTime, the pool's clock. */
    static void waitPast(Duration duration) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - until <= 0) {
            Thread.sleep(1);
        }
    }

    void close() {
        servers.closeAll();
        client.finishAndReleaseAll();
    }
}
