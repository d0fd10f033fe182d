package dev.pgwake.proxy.frontend;

import dev.pgwake.proxy.protocol.StartupDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;

/** A new client's pipeline: [direct TLS detector], startup decoder, startup handler. */
public final class FrontendInitializer extends ChannelInitializer<Channel> {
    private final FrontendContext services;

    public FrontendInitializer(FrontendContext services) {
        this.services = services;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        services.tls().ifPresent(context -> pipeline.addLast("direct-tls", new DirectTlsDetector(context)));
        pipeline.addLast("startup", new StartupDecoder(services.tls().isPresent()));
        pipeline.addLast("startup-handler", new StartupHandler(services));
    }
}
