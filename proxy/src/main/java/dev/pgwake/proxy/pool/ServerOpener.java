package dev.pgwake.proxy.pool;

import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.proxy.backend.ServerConnection;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

/** Opens a logged-in server connection for a pool, on the given event loop. */
@FunctionalInterface
public interface ServerOpener {
    Future<ServerConnection> open(EventLoop loop, Endpoint endpoint, PoolKey key);
}
