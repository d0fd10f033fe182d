package dev.pgwake.proxy.frontend;

import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.lifecycle.Branches;
import dev.pgwake.lifecycle.StaticDriver;
import dev.pgwake.proxy.backend.ServerCanceller;
import dev.pgwake.proxy.backend.ServerConnector;
import dev.pgwake.proxy.ProxyServer;
import dev.pgwake.proxy.pool.Pools;
import dev.pgwake.proxy.relay.Baselines;
import dev.pgwake.proxy.cancel.CancelRegistry;
import dev.pgwake.proxy.config.ConfigLoader;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.testing.FixedServerControl;
import dev.pgwake.proxy.tls.TlsContexts;
import dev.pgwake.routing.BranchName;
import dev.pgwake.routing.Router;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A client connection's pipeline on an {@link EmbeddedChannel}, built from a real {@link FrontendContext} the way
 * {@code ProxyServer.start()} assembles it. The only branch, {@code main}, points at 127.0.0.1:1, where nothing
 * listens: startup-phase tests never get that far.
 */
final class FrontendChannel {
    private FrontendChannel() {
    }

    static ProxyConfig config(String yaml) {
        return new ConfigLoader().parse(yaml, "test.yaml");
    }

    static FrontendContext context(ProxyConfig config, CancelRegistry cancels) {
        return new FrontendContext(config,
                new Router(BranchName.of(config.routing().defaultBranch()), Optional.ofNullable(config.routing().sniSuffix())),
                Branches.builder(new StaticDriver(Map.of("main", new Endpoint("127.0.0.1", 1)))).build(),
                new BranchSessions(), LoginPolicy.from(config.auth()),
                TlsContexts.forServer(config.tls()), cancels,
                new Pools(config.pool(), ProxyServer.opener(new ServerConnector(NioSocketChannel.class,
                        Duration.ofSeconds(1)), config.server())), new ServerCanceller(NioSocketChannel.class),
                new FixedServerControl(config), new Baselines());
    }

    static EmbeddedChannel open(ProxyConfig config) {
        return open(context(config, new CancelRegistry()), Ticker.systemTicker());
    }

    /** With a {@link MockTicker}, scheduled tasks (the startup deadline) run when the test says. */
    static EmbeddedChannel open(FrontendContext context, Ticker ticker) {
        return EmbeddedChannel.builder().ticker(ticker).handlers(new FrontendInitializer(context)).build();
    }
}
