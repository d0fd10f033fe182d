package dev.pgwake.proxy.pool;

import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.proxy.backend.ServerConnection;
import dev.pgwake.proxy.config.PoolSettings;
import dev.pgwake.proxy.protocol.BackendKeyData;
import dev.pgwake.proxy.protocol.FrameDecoder;
import dev.pgwake.proxy.protocol.ReadyForQuery;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A {@link ServerOpener} for tests: each server connection is an {@link EmbeddedChannel} with a
 * {@link FrameDecoder}, as a logged-in connection's pipeline is, so a {@link PooledServer} adds its handler to
 * it and what pgwake writes to the server is the channel's outbound messages. Connections open at once, or,
 * after {@link #manual()}, when the test completes or fails the oldest pending open. Promises are made on the
 * event loop the pool asks for; with an {@link EmbeddedChannel}'s loop (always "in" it) everything runs
 * synchronously on the test's thread.
 */
public final class EmbeddedServers implements ServerOpener {
    public static final Endpoint ENDPOINT = new Endpoint("127.0.0.1", 5432);
    private static final int MAX_FRAME = 1 << 20;

    /** An open the pool asked for. */
    public record Request(EventLoop loop, Endpoint endpoint, PoolKey key, Promise<ServerConnection> promise) {
    }

    private final Deque<Request> pending = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private boolean manual;
    private int nextProcessId = 1000;

    /** Opens complete only when the test says so. */
    public EmbeddedServers manual() {
        manual = true;
        return this;
    }

    @Override
    public Future<ServerConnection> open(EventLoop loop, Endpoint endpoint, PoolKey key) {
        Request request = new Request(loop, endpoint, key, loop.newPromise());
        requests.add(request);
        if (manual) {
            pending.addLast(request);
        } else {
            succeed(request);
        }
        return request.promise();
    }

    /** Completes the oldest pending open with a new connection; returns its channel. */
    public EmbeddedChannel completeNext() {
        return succeed(next());
    }

    /** Fails the oldest pending open. */
    public void failNext(Throwable cause) {
        next().promise().setFailure(cause);
    }

    private Request next() {
        Request request = pending.pollFirst();
        if (request == null) {
            throw new AssertionError("no open is pending");
        }
        return request;
    }

    private EmbeddedChannel succeed(Request request) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_FRAME));
        channels.add(channel);
        int processId = nextProcessId++;
        request.promise().setSuccess(new ServerConnection(channel, request.endpoint(), Map.of("server_version", "17.0"),
                new BackendKeyData(processId, processId * 31), ReadyForQuery.IDLE));
        return channel;
    }

    /** Every open asked for, in order. */
    public List<Request> requests() {
        return requests;
    }

    public int pendingOpens() {
        return pending.size();
    }

    /** The channel of the {@code index}th connection opened. */
    public EmbeddedChannel channel(int index) {
        return channels.get(index);
    }

    public int opened() {
        return channels.size();
    }

    /**
     * Closes every connection and releases what it was sent and not read. A pool may open another connection
     * when one closes (a client waits); it is closed too.
     */
    public void closeAll() {
        for (int i = 0; i < channels.size(); i++) {
            channels.get(i).finishAndReleaseAll();
        }
    }

    /** A pool of these connections whose database no other pool shares. */
    public ServerPool pool(PoolKey key, PoolSettings settings) {
        return new ServerPool(key, settings, this, new DatabaseLimit(0), new ServerPool.Siblings() {
            @Override
            public void freed() {
            }

            @Override
            public void wanted() {
            }
        });
    }
}
