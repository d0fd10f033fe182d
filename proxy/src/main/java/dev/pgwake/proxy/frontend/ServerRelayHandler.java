package dev.pgwake.proxy.frontend;

import dev.pgwake.proxy.protocol.Frame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** The server channel's end of a {@link ServerLink}: hands every server event to it. Event loop only. */
final class ServerRelayHandler extends ChannelInboundHandlerAdapter {
    private final ServerLink link;

    ServerRelayHandler(ServerLink link) {
        this.link = link;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        link.fromServer((Frame) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        link.serverReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        link.serverWritabilityChanged(ctx.channel().isWritable());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        link.serverClosed(null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        link.serverClosed(cause);
        ctx.close();
    }
}
