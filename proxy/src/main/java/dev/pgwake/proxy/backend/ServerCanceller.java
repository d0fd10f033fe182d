package dev.pgwake.proxy.backend;

import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.proxy.protocol.BackendKeyData;
import dev.pgwake.proxy.protocol.CancelRequest;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends a CancelRequest for a server process on a new connection, as PostgreSQL's protocol wants. */
public final class ServerCanceller {
    private static final Logger log = LoggerFactory.getLogger(ServerCanceller.class);
    private final Class<? extends Channel> channelType;

    public ServerCanceller(Class<? extends Channel> channelType) {
        this.channelType = channelType;
    }

    /** Sends the request; the future completes when the server closed the request's connection (or it failed). */
    public Future<Void> cancel(EventLoop loop, Endpoint endpoint, BackendKeyData serverKey) {
        Promise<Void> done = loop.newPromise();
        new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(endpoint.host(), endpoint.port())
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        log.warn("cancel for server pid {} at {}:{} failed: {}", serverKey.processId(),
                                endpoint.host(), endpoint.port(), f.cause().getMessage());
                        done.trySuccess(null);
                        return;
                    }
                    f.channel().closeFuture().addListener(closed -> done.trySuccess(null));
                    ByteBuf out = f.channel().alloc().buffer(CancelRequest.LENGTH);
                    new CancelRequest(serverKey.processId(), serverKey.secretKey()).encode(out);
                    f.channel().writeAndFlush(out); // the server closes the connection once it signalled the process
                });
        loop.schedule(() -> done.trySuccess(null), 5, java.util.concurrent.TimeUnit.SECONDS);
        return done;
    }
}
