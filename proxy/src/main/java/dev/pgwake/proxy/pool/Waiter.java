package dev.pgwake.proxy.pool;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Promise;

/**
 * A client waiting for a server connection of a pool, on its event loop, since when (System.nanoTime); a
 * null promise stands for no client: the connection it opens goes to the idle list ({@code min_pool_size}).
 */
record Waiter(Promise<PooledServer> promise, EventLoop loop, long sinceNanos) {
    /** False once the client stopped waiting (it went away, or was told it waited too long). */
    boolean waiting() {
        return promise != null && !promise.isDone();
    }

    /** An open that no client asked for (min_pool_size, a prewarm). */
    boolean forNobody() {
        return promise == null;
    }
}
