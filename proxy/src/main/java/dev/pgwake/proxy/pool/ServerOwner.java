package dev.pgwake.proxy.pool;

import dev.pgwake.proxy.protocol.Frame;
import io.netty.util.concurrent.EventExecutor;

/**
 * Whoever holds a pooled server connection at the moment (a client's relay, or the pool's own liveness
 * check). Its methods run on {@link #executor()}: frames read on another event loop are handed over in one
 * task per read batch.
 */
public interface ServerOwner {
    EventExecutor executor();

    /** A frame from the server; the owner takes over its reference. */
    void fromServer(Frame frame);

    /** The end of a read batch from the server. */
    void serverReadComplete();

    /** The server channel's writability changed (any thread: only flips autoRead). */
    void serverWritabilityChanged(boolean writable);

    /** The server connection closed without the owner asking. */
    void serverClosed(Throwable cause);
}
