package dev.pgwake.proxy.frontend;

import dev.pgwake.proxy.protocol.Frame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** The server channel's end of a session: hands every server event to the owning {@link ClientSession}. Event loop only. */
final class ServerRelayHandler extends ChannelInboundHandlerAdapter {
    private final ClientSession session;

    ServerRelayHandler(ClientSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        session.serverFrame((Frame) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.serverReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        session.serverWritabilityChanged(ctx.channel().isWritable());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.serverClosed(null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.serverClosed(cause);
        ctx.close();
    }
}
