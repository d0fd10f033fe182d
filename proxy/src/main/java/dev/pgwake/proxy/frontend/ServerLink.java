package dev.pgwake.proxy.frontend;

import dev.pgwake.proxy.backend.ServerConnection;
import dev.pgwake.proxy.protocol.ErrorResponse;
import dev.pgwake.proxy.protocol.Frame;
import dev.pgwake.proxy.protocol.ReadyForQuery;
import dev.pgwake.proxy.protocol.Terminate;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/**
 * The server connection a client session holds, relaying frames both ways. Writability couples the two
 * channels: while one cannot take more, the other is not read. Frames are written as the retained slices
 * they arrived in; flushes happen once per read batch. Event loop only (both channels share it).
 */
final class ServerLink {
    /** What the session hears from its server connection. */
    interface Events {
        void readyForQuery(byte transactionStatus);

        /** The server connection closed without pgwake asking; {@code afterFatal} when the server said why. */
        void lost(boolean afterFatal, Throwable cause);
    }

    private final ServerConnection connection;
    private final ChannelHandlerContext client;
    private final Events events;
    private boolean fatalSeen;
    private boolean released;

    ServerLink(ServerConnection connection, ChannelHandlerContext client, Events events) {
        this.connection = connection;
        this.client = client;
        this.events = events;
        connection.channel().pipeline().addLast("relay", new ServerRelayHandler(this));
    }

    ServerConnection connection() {
        return connection;
    }

    /** Hands a client frame (and its reference) to the server; flushed at the end of the read batch. */
    void toServer(Frame frame) {
        Channel server = connection.channel();
        server.write(frame.content(), server.voidPromise());
        if (!server.isWritable()) {
            client.channel().config().setAutoRead(false);
        }
    }

    void flushToServer() {
        connection.channel().flush();
    }

    void fromServer(Frame frame) {
        if (released) {
            frame.release();
            return;
        }
        if (frame.type() == ReadyForQuery.TYPE) {
            events.readyForQuery(ReadyForQuery.decode(frame.body()).status());
        } else if (frame.type() == ErrorResponse.TYPE && isFatal(frame)) {
            fatalSeen = true;
        }
        client.write(frame.content(), client.voidPromise());
        if (!client.channel().isWritable()) {
            connection.channel().config().setAutoRead(false);
        }
    }

    private static boolean isFatal(Frame frame) {
        String severity = ErrorResponse.fields(frame.body()).getOrDefault('V', "");
        return severity.equals("FATAL") || severity.equals("PANIC");
    }

    void serverReadComplete() {
        client.flush();
    }

    void serverWritabilityChanged(boolean writable) {
        if (!released) {
            client.channel().config().setAutoRead(writable);
        }
    }

    void clientWritabilityChanged(boolean writable) {
        connection.channel().config().setAutoRead(writable);
    }

    void serverClosed(Throwable cause) {
        if (!released) {
            released = true;
            events.lost(fatalSeen, cause);
        }
    }

    /** Lets the server connection go: Terminate, then close; nothing more reaches the session. */
    void release() {
        released = true;
        Channel server = connection.channel();
        if (server.isActive()) {
            server.writeAndFlush(Terminate.encode(server.alloc())).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
