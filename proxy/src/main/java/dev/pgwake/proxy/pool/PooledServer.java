package dev.pgwake.proxy.pool;

import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.proxy.backend.ServerConnection;
import dev.pgwake.proxy.protocol.Terminate;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;


/**
 * A server connection that belongs to a pool, with what pgwake knows of its session: the prepared
 * statements it created there and the session settings applied to it (name to SQL value; absent: the
 * value the server started with). Its current owner receives its frames; while nobody owns it, it sits
 * idle in the pool. State other than the owner is used by one owner at a time; handing it over goes
 * through the pool's lock.
 */
public final class PooledServer {
    private final ServerConnection connection;
    private final ServerPool pool;
    private final long openedNanos = System.nanoTime();
    private final ServerStatements statements;
    private final ServerSettings settings = new ServerSettings();
    private volatile ServerOwner owner;
    private volatile boolean broken;
    private volatile Future<?> cancel;
    private long idleSinceNanos = openedNanos;

    PooledServer(ServerConnection connection, ServerPool pool, int maxPreparedStatements) {
        this.connection = connection;
        this.pool = pool;
        this.statements = new ServerStatements(maxPreparedStatements, pool.statements());
        connection.channel().pipeline().addLast("pooled", new PooledServerHandler(this));
    }

    public ServerConnection connection() {
        return connection;
    }

    public Channel channel() {
        return connection.channel();
    }

    public EventLoop eventLoop() {
        return connection.channel().eventLoop();
    }

    public Endpoint endpoint() {
        return connection.endpoint();
    }

    public PoolKey key() {
        return pool.key();
    }

    /** The counters of this connection's pool. */
    public PoolCounters counters() {
        return pool.counters();
    }

    public ServerStatements statements() {
        return statements;
    }

    /** Settings pgwake (or a client through it) changed on this server. */
    public ServerSettings settings() {
        return settings;
    }

    /** The server said this statement's plan went stale: every connection of the pool prepares it afresh. */
    public void planChanged(String statement) {
        statements.invalidate(statement);
        pool.statements().planChanged(statement);
    }

    /** The server accepted a Parse of this statement: clients of the pool may take it as valid. */
    public void prepared(String statement) {
        pool.statements().accepted(statement);
    }

    ServerOwner owner() {
        return owner;
    }

    public void own(ServerOwner newOwner) {
        owner = newOwner;
    }

    /** Its state is unknown (a failed setup, a FATAL): never hand it to another client. */
    public void markBroken() {
        broken = true;
    }

    /** A CancelRequest for this server's process is on its way: it goes back to the pool only after. */
    public void cancelling(Future<?> request) {
        cancel = request;
    }

    Future<?> pendingCancel() {
        Future<?> request = cancel;
        return request == null || request.isDone() ? null : request;
    }

    boolean usable() {
        return !broken && connection.channel().isActive();
    }

    long openedNanos() {
        return openedNanos;
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    void idleSince(long nanos) {
        idleSinceNanos = nanos;
    }

    /** Terminate, then close. */
    void close() {
        broken = true;
        Channel channel = connection.channel();
        if (channel.isActive()) {
            channel.writeAndFlush(Terminate.encode(channel.alloc())).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    void closed() {
        broken = true;
        pool.closed(this);
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
