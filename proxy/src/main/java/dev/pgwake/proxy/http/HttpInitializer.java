package dev.pgwake.proxy.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * An HTTP connection's pipeline: idle timer, codec, aggregator (a request is at most {@value #MAX_REQUEST_BYTES}
 * bytes of body; larger ones get 413 from the aggregator), flow control (one request handed up per read), handler.
 */
final class HttpInitializer extends ChannelInitializer<Channel> {
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final int IDLE_SECONDS = 60;

    private final HttpApi api;

    HttpInitializer(HttpApi api) {
        this.api = api;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
        pipeline.addLast("codec", new HttpServerCodec());
        pipeline.addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES));
        pipeline.addLast("flow", new FlowControlHandler());
        pipeline.addLast("api", new HttpRequestHandler(api));
    }
}
