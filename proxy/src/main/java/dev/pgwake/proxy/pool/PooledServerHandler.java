package dev.pgwake.proxy.pool;

import dev.pgwake.proxy.protocol.ErrorResponse;
import dev.pgwake.proxy.protocol.Frame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The pooled server channel's last handler: hands each frame to the connection's current owner, directly
 * when the owner runs on this event loop, else in one task per read batch. Frames that arrive while
 * nobody owns the connection (an idle server has nothing to say but a FATAL before it goes) are dropped,
 * and a FATAL marks the connection broken. Event loop only (the server channel's).
 */
final class PooledServerHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(PooledServerHandler.class);

    private final PooledServer server;
    private List<Frame> batch;
    private ServerOwner batchOwner;
    private Throwable failure;

    PooledServerHandler(PooledServer server) {
        this.server = server;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        ServerOwner owner = server.owner();
        if (owner == null) {
            idleFrame(frame);
        } else if (owner.executor().inEventLoop()) {
            handOver();
            owner.fromServer(frame);
        } else {
            if (batchOwner != owner) {
                handOver();
                batchOwner = owner;
                batch = new ArrayList<>(8);
            }
            batch.add(frame);
        }
    }

    private void idleFrame(Frame frame) {
        try {
            if (frame.type() == ErrorResponse.TYPE) {
                log.info("{} idle in pool {} said: {}", server, server.key(),
                        ErrorResponse.fields(frame.body()).getOrDefault('M', "?"));
                server.markBroken();
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        handOver();
        ServerOwner owner = server.owner();
        if (owner != null && owner.executor().inEventLoop()) {
            owner.serverReadComplete();
        }
    }

    /** Sends the frames batched for an owner on another event loop, with the end of the read batch. */
    private void handOver() {
        if (batch == null) {
            return;
        }
        List<Frame> frames = batch;
        ServerOwner owner = batchOwner;
        batch = null;
        batchOwner = null;
        owner.executor().execute(() -> {
            for (Frame frame : frames) {
                owner.fromServer(frame);
            }
            owner.serverReadComplete();
        });
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ServerOwner owner = server.owner();
        if (owner != null) {
            owner.serverWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handOver();
        closed(failure);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("{} failed: {}", server, cause.getMessage());
        failure = cause;
        ctx.close();
    }

    private void closed(Throwable cause) {
        server.closed();
        ServerOwner owner = server.owner();
        if (owner != null) {
            if (owner.executor().inEventLoop()) {
                owner.serverClosed(cause);
            } else {
                owner.executor().execute(() -> owner.serverClosed(cause));
            }
        }
    }
}
