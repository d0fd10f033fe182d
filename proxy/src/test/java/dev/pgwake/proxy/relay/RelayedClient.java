package dev.pgwake.proxy.relay;

import dev.pgwake.proxy.pool.PooledServer;
import dev.pgwake.proxy.protocol.Frame;
import dev.pgwake.proxy.protocol.FrameDecoder;
import dev.pgwake.proxy.testing.BackendMessage;
import dev.pgwake.proxy.testing.Feed;
import dev.pgwake.proxy.testing.Hex;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A client on an {@link EmbeddedChannel} (FrameDecoder, then a handler doing what ClientSession does while the
 * client holds a server connection: each frame to the {@link Relay}, a flush at the end of each read) and the
 * pooled server connection its relay holds, an {@link EmbeddedChannel} too (see
 * {@link dev.pgwake.proxy.pool.EmbeddedServers}). Client and server loops are embedded: whatever one side
 * says reaches the other before the call returns.
 */
final class RelayedClient implements AutoCloseable {
    private static final int MAX_FRAME = 1 << 20;

    /** How bytes reach a channel: in one read, one read per message, or one read per byte. */
    enum Feeding {
        WHOLE, MESSAGE_BY_MESSAGE, BYTE_BY_BYTE;

        void into(EmbeddedChannel channel, byte[]... messages) {
            switch (this) {
                case WHOLE -> Feed.WHOLE.into(channel, Feed.concat(messages));
                case MESSAGE_BY_MESSAGE -> {
                    for (byte[] message : messages) {
                        Feed.WHOLE.into(channel, message);
                    }
                }
                case BYTE_BY_BYTE -> Feed.BYTE_BY_BYTE.into(channel, Feed.concat(messages));
            }
        }
    }

    private static final class Session extends ChannelInboundHandlerAdapter implements Relay.Listener {
        private final Map<String, String> startup;
        private final List<Character> readyForQuery = new ArrayList<>();
        private Relay relay;

        Session(Map<String, String> startup) {
            this.startup = startup;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            Baselines baselines = new Baselines();
            relay = new Relay(ctx, baselines.of(startup), baselines, this);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            relay.fromClient((Frame) msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            relay.flush();
        }

        @Override
        public void readyForQuery(byte status) {
            readyForQuery.add((char) status);
        }

        @Override
        public void serverLost(boolean afterFatal, Throwable cause) {
            throw new AssertionError("server lost", cause);
        }
    }

    private final Session session;
    private final EmbeddedChannel channel;

    /** @param startup the settings of the client's startup packet */
    RelayedClient(Map<String, String> startup) {
        session = new Session(startup);
        channel = new EmbeddedChannel(new FrameDecoder(MAX_FRAME), session);
    }

    Relay relay() {
        return session.relay;
    }

    EmbeddedChannel channel() {
        return channel;
    }

    /** The transaction status of every ReadyForQuery the relay took, in order. */
    List<Character> readyForQuery() {
        return session.readyForQuery;
    }

    RelayedClient attach(PooledServer server) {
        relay().attach(server);
        return this;
    }

    /** The server connection's channel. */
    EmbeddedChannel server() {
        return (EmbeddedChannel) relay().server().channel();
    }

    /** The client sends these messages. */
    void send(Feeding feeding, byte[]... messages) {
        feeding.into(channel, messages);
    }

    /** The server sends these messages. */
    void answer(Feeding feeding, byte[]... messages) {
        feeding.into(server(), messages);
    }

    /** Hex of what the server was sent since last asked. */
    String sentToServer() {
        return Hex.of(BackendMessage.drainOutbound(server()));
    }

    /** Hex of what the client was sent since last asked. */
    String received() {
        return Hex.of(BackendMessage.drainOutbound(channel));
    }

    /** Lets the server connection go (if held) and releases what the client was sent and not read. */
    @Override
    public void close() {
        if (relay().attached()) {
            relay().detach();
        }
        channel.finishAndReleaseAll();
    }
}
