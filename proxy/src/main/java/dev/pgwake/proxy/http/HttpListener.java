package dev.pgwake.proxy.http;

import dev.pgwake.proxy.config.HostPort;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * The HTTP listener ({@code http.listen}) on the event loops the composition root hands it. Connections read only
 * when their handler asks ({@code AUTO_READ} off), one request at a time.
 */
public final class HttpListener {
    private static final Logger log = LoggerFactory.getLogger(HttpListener.class);

    private final HttpApi api;
    private Channel channel;

    public HttpListener(HttpApi api) {
        this.api = api;
    }

    /**
     * Binds {@code address} with {@code bootstrap} (its event loops and channel type set); returns the address bound
     * (port 0 picks a free one). Fails with a message naming {@code http.listen} when the address is taken.
     */
    public InetSocketAddress bind(ServerBootstrap bootstrap, HostPort address) throws InterruptedException {
        try {
            channel = bootstrap.childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new HttpInitializer(api))
                    .bind(address.host(), address.port()).sync().channel();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen for HTTP on " + address + " (http.listen): " + e.getMessage()
                    + "; choose another http.listen, or set http.enabled: false", e);
        }
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        log.info("pgwake HTTP on {}:{} (/health, /metrics, /branches, /pools, /clients, /servers, /stats, /reload)",
                bound.getHostString(), bound.getPort());
        return bound;
    }

    /** Stops accepting HTTP connections; open ones close with the event loops. */
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
    }
}
