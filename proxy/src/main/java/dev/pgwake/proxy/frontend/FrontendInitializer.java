package dev.pgwake.proxy.frontend;

import dev.pgwake.proxy.protocol.StartupDecoder;
import dev.pgwake.proxy.tls.ClientTls;
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
        ClientTls tls = services.tls().get(); // this connection's, whatever a reload does meanwhile
        tls.context().ifPresent(context -> pipeline.addLast("direct-tls", new DirectTlsDetector(context)));
        pipeline.addLast("startup", new StartupDecoder(tls.context().isPresent()));
        pipeline.addLast("startup-handler", new StartupHandler(services, tls));
    }
}
