package dev.pgwake.proxy.backend;

import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.proxy.config.ServerTlsMode;
import dev.pgwake.proxy.protocol.FrameDecoder;
import dev.pgwake.proxy.protocol.SqlState;
import dev.pgwake.proxy.protocol.StartupMessage;
import dev.pgwake.proxy.protocol.Wire;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Opens logged-in server connections on a given event loop (the client's, so a session never crosses
 * threads). The whole login, TCP connect included, is bounded by the connect timeout.
 */
public final class ServerConnector {
    private final Class<? extends Channel> channelType;
    private final Supplier<Duration> timeouts;
    private final Supplier<ServerTls> tlsNow;

    /** Without TLS to servers. */
    public ServerConnector(Class<? extends Channel> channelType, Duration timeout) {
        this(channelType, () -> timeout, ServerTls::disabled);
    }

    /** With the connect timeout and the TLS in effect when each connection is opened (a reload may change them). */
    public ServerConnector(Class<? extends Channel> channelType, Supplier<Duration> timeout, Supplier<ServerTls> tls) {
        this.channelType = channelType;
        this.timeouts = timeout;
        this.tlsNow = tls;
    }

    /**
     * @param startupParameters what to send in the StartupMessage (user, database, options, ...)
     * @param password          the configured password for the server user, if any
     */
    public Future<ServerConnection> connect(EventLoop loop, Endpoint endpoint, Map<String, String> startupParameters,
                                            Optional<String> password) {
        Promise<ServerConnection> promise = loop.newPromise();
        Duration timeout = timeouts.get();
        ServerTls tls = tlsNow.get();
        StartupMessage startup = new StartupMessage(Wire.PROTOCOL_3_0, startupParameters);
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        boolean asksTls = tls.mode() != ServerTlsMode.DISABLE;
                        if (asksTls) {
                            ch.pipeline().addLast("server-tls-request", new ServerTlsNegotiator(tls, endpoint));
                        }
                        ch.pipeline().addLast("frames", new FrameDecoder(Wire.MAX_POSTGRES_MESSAGE_LENGTH));
                        ch.pipeline().addLast("login", new ServerLoginHandler(promise, endpoint, startup, password,
                                asksTls));
                    }
                });
        ChannelFuture connect = bootstrap.connect(endpoint.host(), endpoint.port());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                promise.tryFailure(new ServerLoginException(SqlState.CONNECTION_FAILURE, "cannot connect to server "
                        + endpoint.host() + ":" + endpoint.port() + ": " + f.cause().getMessage(), null, f.cause()));
            }
        });
        ScheduledFuture<?> deadline = loop.schedule(() -> {
            if (promise.tryFailure(new ServerLoginException(SqlState.CONNECTION_FAILURE, "server " + endpoint.host()
                    + ":" + endpoint.port() + " did not complete login within " + timeout.toMillis() + " ms", null, null))) {
                connect.channel().close();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        promise.addListener(f -> deadline.cancel(false));
        return promise;
    }
}
