package dev.pgwake.proxy.pool;

import dev.pgwake.proxy.protocol.Frame;
import dev.pgwake.proxy.protocol.Query;
import dev.pgwake.proxy.protocol.ReadyForQuery;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * Before a connection that sat idle long goes to a client: an empty query, answered with
 * EmptyQueryResponse and ReadyForQuery('I') by a healthy server. Owns the connection meanwhile; runs on
 * the server's event loop.
 */
final class ServerCheck implements ServerOwner {
    private final PooledServer server;
    private final Promise<Boolean> healthy;
    private boolean sawError;

    private ServerCheck(PooledServer server) {
        this.server = server;
        this.healthy = server.eventLoop().newPromise();
    }

    /** Runs the check; the future says whether the connection answered as a healthy idle one. */
    static Future<Boolean> run(PooledServer server) {
        ServerCheck check = new ServerCheck(server);
        server.own(check);
        server.eventLoop().execute(() -> {
            if (!server.channel().isActive()) {
                check.healthy.trySuccess(false);
                return;
            }
            server.channel().writeAndFlush(new Query("").encode(server.channel().alloc()));
        });
        check.healthy.addListener(done -> server.own(null));
        return check.healthy;
    }

    @Override
    public EventExecutor executor() {
        return server.eventLoop();
    }

    @Override
    public void fromServer(Frame frame) {
        try {
            if (frame.type() == 'E') {
                sawError = true;
            } else if (frame.type() == ReadyForQuery.TYPE) {
                healthy.trySuccess(!sawError && ReadyForQuery.decode(frame.body()).status() == ReadyForQuery.IDLE);
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void serverReadComplete() {
    }

    @Override
    public void serverWritabilityChanged(boolean writable) {
    }

    @Override
    public void serverClosed(Throwable cause) {
        healthy.trySuccess(false);
    }
}
