package dev.pgwake.proxy;

import dev.pgwake.lifecycle.Branches;
import dev.pgwake.lifecycle.ComputeDriver;
import dev.pgwake.lifecycle.IdlePolicy;
import dev.pgwake.proxy.config.LifecycleConfig;
import dev.pgwake.proxy.frontend.BranchSessions;
import dev.pgwake.proxy.backend.ServerCanceller;
import dev.pgwake.proxy.backend.ServerConnector;
import dev.pgwake.proxy.cancel.CancelRegistry;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.config.ServerConfig;
import dev.pgwake.proxy.pool.Pools;
import dev.pgwake.proxy.pool.ServerOpener;
import dev.pgwake.proxy.frontend.FrontendContext;
import dev.pgwake.proxy.frontend.FrontendInitializer;
import dev.pgwake.proxy.frontend.LoginPolicy;
import dev.pgwake.proxy.tls.TlsContexts;
import dev.pgwake.routing.BranchName;
import dev.pgwake.routing.Router;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The composition root: builds every part from the configuration and a compute driver, and listens. */
public final class ProxyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);

    private final ProxyConfig config;
    private final ComputeDriver driver;
    private final Branches branches;
    private final BranchSessions sessions = new BranchSessions();
    private final Pools pools;
    private final Transport transport = Transport.best();
    private EventLoopGroup acceptors;
    private EventLoopGroup workers;
    private Channel listener;

    /** Takes ownership of the driver: closing the server closes it. */
    public ProxyServer(ProxyConfig config, ComputeDriver driver) {
        this.config = config;
        this.driver = driver;
        LifecycleConfig lifecycle = config.lifecycle();
        Branches.Builder builder = Branches.builder(driver)
                .defaultBranch(config.routing().defaultBranch())
                .wakeTimeout(lifecycle.wakeTimeout())
                .policy(new IdlePolicy(lifecycle.idleAfter(), lifecycle.suspendAfter(), lifecycle.stopAfter(),
                        lifecycle.archiveAfter()));
        if (lifecycle.autoCreateBranches() != null) {
            builder.autoCreate(lifecycle.autoCreateBranches());
        }
        this.branches = builder.build();
        this.pools = new Pools(config.pool(), opener(new ServerConnector(transport.clientChannel(),
                config.server().connectTimeout()), config.server()));
        branches.addListener(sessions);
        branches.addListener(pools);
    }

    /**
     * Opens pool connections: as the client's user (or the configured server user) to the client's database,
     * with no other startup parameter (each client's settings are applied per lease).
     */
    public static ServerOpener opener(ServerConnector connector, ServerConfig server) {
        return (loop, endpoint, key) -> {
            String user = server.serverUser(key.user());
            Map<String, String> startup = new LinkedHashMap<>();
            startup.put("user", user);
            startup.put("database", key.database());
            return connector.connect(loop, endpoint, startup, server.passwordFor(user));
        };
    }

    /** The pools (operator commands, tests). */
    public Pools pools() {
        return pools;
    }

    /** The branch coordinator (operator commands, tests). */
    public Branches branches() {
        return branches;
    }

    /** Binds the listen address; returns the address actually bound (port 0 picks a free one). */
    public InetSocketAddress start() throws InterruptedException {
        FrontendContext services = new FrontendContext(config,
                new Router(BranchName.of(config.routing().defaultBranch()), Optional.ofNullable(config.routing().sniSuffix())),
                branches, sessions, LoginPolicy.from(config.auth()), TlsContexts.forServer(config.tls()), new CancelRegistry(),
                pools, new ServerCanceller(transport.clientChannel()));
        acceptors = transport.newGroup(1, "pgwake-accept");
        workers = transport.newGroup(0, "pgwake-io");
        listener = new ServerBootstrap().group(acceptors, workers).channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new FrontendInitializer(services))
                .bind(config.listen().host(), config.listen().port()).sync().channel();
        pools.start(workers.next());
        InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
        log.info("pgwake listening on {}:{} ({} transport, {} driver, auth {}, tls {})", bound.getHostString(),
                bound.getPort(), transport.name(), branches.driverKind(), config.auth().method(), config.tls().mode());
        return bound;
    }

    public void awaitClose() throws InterruptedException {
        listener.closeFuture().sync();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        pools.close();
        if (acceptors != null) {
            acceptors.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
        branches.close();
        try {
            driver.close();
        } catch (Exception e) {
            log.warn("closing the {} driver failed: {}", driver.kind(), e.getMessage());
        }
    }
}
