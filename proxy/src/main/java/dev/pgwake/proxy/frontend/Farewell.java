package dev.pgwake.proxy.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.TimeUnit;

/**
 * The last words to a client: its ErrorResponse, then a lingering close. Closing a socket while the client
 * is still sending (an oversize startup packet, a pipelined stream) makes the kernel answer with a reset that
 * can destroy the error before the client reads it. So pgwake ends its side of the stream, discards what
 * still arrives, and closes when the client does or after a grace period.
 */
public final class Farewell {
    private static final long GRACE_MILLIS = 1_000;

    private Farewell() {
    }

    public static void send(Channel channel, ByteBuf errorResponse) {
        if (channel.pipeline().get(Discard.class) != null) {
            errorResponse.release();
            return;
        }
        channel.pipeline().addFirst("farewell", new Discard());
        channel.config().setAutoRead(true);
        channel.writeAndFlush(errorResponse).addListener(written -> {
            if (channel instanceof DuplexChannel duplex && channel.isActive() && written.isSuccess()) {
                duplex.shutdownOutput();
                channel.eventLoop().schedule(() -> channel.close(), GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                channel.close();
            }
        });
    }

    /** Drops every inbound message and error: the conversation is over. */
    private static final class Discard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
