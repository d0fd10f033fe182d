package dev.pgwake.proxy;

import dev.pgwake.lifecycle.Branches;
import dev.pgwake.lifecycle.ComputeDriver;
import dev.pgwake.proxy.admin.BranchOperations;
import dev.pgwake.proxy.admin.PoolOperations;
import dev.pgwake.proxy.admin.ServerControl;
import dev.pgwake.proxy.config.ConfigChange;
import dev.pgwake.proxy.config.ConfigSource;
import dev.pgwake.proxy.frontend.ClientDrain;
import dev.pgwake.proxy.config.LifecycleConfig;
import dev.pgwake.proxy.frontend.BranchSessions;
import dev.pgwake.proxy.backend.ServerCanceller;
import dev.pgwake.proxy.backend.ServerConnector;
import dev.pgwake.proxy.backend.ServerTls;
import dev.pgwake.proxy.cancel.CancelRegistry;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.config.ServerConfig;
import dev.pgwake.proxy.pool.Pools;
import dev.pgwake.proxy.relay.Baselines;
import dev.pgwake.proxy.pool.ServerOpener;
import dev.pgwake.proxy.frontend.FrontendContext;
import dev.pgwake.proxy.frontend.FrontendInitializer;
import dev.pgwake.proxy.frontend.LoginPolicy;
import dev.pgwake.proxy.http.HttpApi;
import dev.pgwake.proxy.http.HttpListener;
import dev.pgwake.proxy.http.Readiness;
import dev.pgwake.proxy.metrics.ProxyMetrics;
import dev.pgwake.routing.BranchName;
import dev.pgwake.routing.Router;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The composition root: builds every part from the configuration and a compute driver, and listens. */
public final class ProxyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);
    /** What {@link #close} gives the event loops to finish their tasks. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    /** At most what a shutdown keeps for closing connections after letting transactions finish. */
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(1);

    private final ProxyConfig config;
    private final ComputeDriver driver;
    private final Branches branches;
    private final BranchSessions sessions = new BranchSessions();
    private final Pools pools;
    private final LoginPolicy logins;
    private final LiveConfig live;
    private final PoolOperations poolOperations;
    private final ServerControl control = new Control();
    private final Transport transport = Transport.best();
    private final Readiness readiness = new Readiness();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ProxyMetrics metrics;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private EventLoopGroup acceptors;
    private EventLoopGroup workers;
    private final List<Channel> listeners = new ArrayList<>();
    private HttpListener http;
    private InetSocketAddress httpAddress;

    /** Takes ownership of the driver: closing the server closes it. RELOAD fails: there is no file to read. */
    public ProxyServer(ProxyConfig config, ComputeDriver driver) {
        this(config, driver, ConfigSource.none());
    }

    /**
     * As {@link #ProxyServer(ProxyConfig, ComputeDriver)}; RELOAD reads {@code source} again. A users file that cannot
     * be read, or a {@code server.tls_ca_file} that does not load, fails here, with the driver closed.
     */
    public ProxyServer(ProxyConfig config, ComputeDriver driver, ConfigSource source) {
        this.config = config;
        this.driver = driver;
        this.logins = orCloseDriver(() -> LoginPolicy.from(config.auth()), driver);
        ServerTls serverTls = orCloseDriver(() -> ServerTls.of(config.server()), driver);
        LifecycleConfig lifecycle = config.lifecycle();
        Branches.Builder builder = Branches.builder(driver)
                .defaultBranch(config.routing().defaultBranch())
                .wakeTimeout(lifecycle.wakeTimeout())
                .policy(LiveConfig.idlePolicy(lifecycle));
        if (lifecycle.autoCreateBranches() != null) {
            builder.autoCreate(lifecycle.autoCreateBranches());
        }
        this.branches = builder.build();
        readiness.catalogLoaded();
        this.pools = new Pools(config.pool(), opener(new ServerConnector(transport.clientChannel(),
                () -> serverConfig().connectTimeout(), this::serverTls), this::serverConfig), branches::computeUnreachable);
        branches.addListener(sessions);
        branches.addListener(pools);
        this.live = new LiveConfig(config, source, pools, logins, branches, serverTls);
        this.poolOperations = new PoolOperations(pools, sessions, () -> live.current().shutdownTimeout());
        this.metrics = new ProxyMetrics(registry, branches, sessions::clients, pools, ByteBufAllocator.DEFAULT);
    }

    /** What {@code make} makes; when it fails, the driver (this server's to close) is closed first. */
    private static <T> T orCloseDriver(Supplier<T> make, ComputeDriver driver) {
        try {
            return make.get();
        } catch (RuntimeException e) {
            try {
                driver.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * Opens pool connections: as the client's user (or the configured server user) to the client's database,
     * with no other startup parameter (each client's settings are applied per lease).
     */
    public static ServerOpener opener(ServerConnector connector, ServerConfig server) {
        return opener(connector, () -> server);
    }

    /** {@link #opener(ServerConnector, ServerConfig)} with the {@code server:} section in effect at each open. */
    static ServerOpener opener(ServerConnector connector, Supplier<ServerConfig> servers) {
        return (loop, endpoint, key) -> {
            ServerConfig server = servers.get();
            String user = server.serverUser(key.user());
            Map<String, String> startup = new LinkedHashMap<>();
            startup.put("user", user);
            startup.put("database", key.database());
            return connector.connect(loop, endpoint, startup, server.passwordFor(user));
        };
    }

    private ServerConfig serverConfig() {
        return live.current().server();
    }

    private ServerTls serverTls() {
        return live.serverTls();
    }

    /** {@code shutdown_timeout} in effect now (a reload may have changed it). */
    public Duration shutdownTimeout() {
        return live.current().shutdownTimeout();
    }

    /** The pools (operator commands, tests). */
    public Pools pools() {
        return pools;
    }

    /** The branch coordinator (operator commands, tests). */
    public Branches branches() {
        return branches;
    }

    /**
     * Binds the HTTP listener (when {@code http.enabled}) and then the listen address; returns the address actually
     * bound (port 0 picks a free one). From then on {@code /health/ready} answers 200.
     */
    public InetSocketAddress start() throws InterruptedException {
        live.tls(); // a certificate that does not load fails the start, before anything listens
        FrontendContext services = new FrontendContext(live::current,
                new Router(BranchName.of(config.routing().defaultBranch()), Optional.ofNullable(config.routing().sniSuffix())),
                branches, sessions, logins, live::tls, new CancelRegistry(),
                pools, new ServerCanceller(transport.clientChannel()), control, new Baselines());
        acceptors = transport.newGroup(1, "pgwake-accept");
        workers = transport.newGroup(eventLoops(), "pgwake-io");
        if (config.http().enabled()) {
            startHttp();
        }
        FrontendInitializer frontend = new FrontendInitializer(services);
        if (transport.reusePort()) {
            bindPerLoop(frontend);
        } else {
            listeners.add(clientBootstrap(acceptors, workers, frontend)
                    .bind(config.listen().host(), config.listen().port()).sync().channel());
        }
        pools.start(workers.next());
        readiness.listening();
        InetSocketAddress bound = (InetSocketAddress) listeners.get(0).localAddress();
        log.info("pgwake listening on {}:{} ({} transport, {} driver, auth {}, tls {})", bound.getHostString(),
                bound.getPort(), transport.name(), branches.driverKind(), config.auth().method(), config.tls().mode());
        return bound;
    }

    /**
     * Event loops: {@code -Dio.netty.eventLoopThreads}, else one per two cores (Netty would take two per core). Relaying
     * is short work between sleeps, so every extra loop mostly adds wake-ups: on 2 cores shared with PostgreSQL and
     * pgbench, one loop used a fifth less CPU per transaction than two, at the same throughput.
     */
    private static int eventLoops() {
        return Integer.getInteger("io.netty.eventLoopThreads", Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }

    private ServerBootstrap clientBootstrap(EventLoopGroup accepting, EventLoopGroup serving, FrontendInitializer frontend) {
        return new ServerBootstrap().group(accepting, serving).channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(frontend);
    }

    /**
     * One listening socket per event loop, all on the same port (SO_REUSEPORT): the kernel spreads new connections
     * over them and each is served by the loop that accepted it, with no hand-over between threads (about a third
     * less CPU per connection for clients that connect per transaction). A port already in use, by another pgwake
     * too, still fails the start: it is first bound once without SO_REUSEPORT, which such a port refuses.
     */
    private void bindPerLoop(FrontendInitializer frontend) throws InterruptedException {
        String host = config.listen().host();
        int port = config.listen().port();
        if (port != 0) {
            refuseIfInUse(new InetSocketAddress(host, port));
        }
        for (EventExecutor executor : workers) {
            EventLoop loop = (EventLoop) executor;
            Channel channel = clientBootstrap(loop, loop, frontend).option(EpollChannelOption.SO_REUSEPORT, true)
                    .bind(host, port).sync().channel();
            listeners.add(channel);
            port = ((InetSocketAddress) channel.localAddress()).getPort(); // port 0: the others join the one picked
        }
    }

    private static void refuseIfInUse(InetSocketAddress address) {
        try (ServerSocket plain = new ServerSocket()) {
            plain.setReuseAddress(true);
            plain.bind(address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address.getHostString() + ":" + address.getPort()
                    + ": " + e.getMessage(), e);
        }
    }

    private void startHttp() throws InterruptedException {
        HttpApi api = new HttpApi(readiness, this::scrape, new BranchOperations(branches, sessions, pools::serverConnections), poolOperations,
                control, Optional.ofNullable(config.http().token()));
        http = new HttpListener(api);
        httpAddress = http.bind(new ServerBootstrap().group(acceptors, workers).channel(transport.serverChannel()),
                config.http().listen());
    }

    /** The Prometheus text of every meter, the branch and pool series brought up to date first. */
    private CompletableFuture<String> scrape() {
        return poolOperations.pools().thenApply(views -> {
            metrics.refresh(views);
            return registry.scrape();
        });
    }

    /**
     * RELOAD (SIGHUP): reads the configuration file again and applies what can change while running; one entry per
     * changed key. Blocks on the file: never call on an event loop.
     */
    public List<ConfigChange> reload() {
        return live.reload();
    }

    /** Where the HTTP listener is bound (port 0 in the configuration picks a free one); empty when it is off. */
    public Optional<InetSocketAddress> httpAddress() {
        return Optional.ofNullable(httpAddress);
    }

    /** Waits until the server is closed ({@link #close} or {@link #shutdown} finished). */
    public void awaitClose() throws InterruptedException {
        try {
            closed.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("closing pgwake failed", e.getCause());
        }
    }

    /**
     * Stops pgwake gracefully within {@code timeout}: {@code /health/ready} answers 503 at once, the listen address
     * stops accepting clients, idle clients get FATAL 57P01 and are closed, clients in a transaction are let finish it
     * and closed the same way (those still in one near the deadline are closed anyway), then the HTTP listener closes
     * and the event loops get what is left of {@code timeout} to finish their tasks before every connection is closed;
     * last the branch coordinator and the driver close (branch servers keep running). A second call, from any
     * thread, waits for the first to finish. Blocks: never call on an event loop.
     */
    public void shutdown(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!closing.compareAndSet(false, true)) {
            closed.join();
            return;
        }
        try {
            readiness.shuttingDown();
            stopAccepting();
            new ClientDrain(sessions).run(deadline - Math.min(timeout.toNanos() / 10, CLOSE_MARGIN.toNanos()));
            closeEverything(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } finally {
            closed.complete(null);
        }
    }

    /** Closes at once: {@link #shutdown} with a short time for the event loops' tasks. */
    @Override
    public void close() {
        shutdown(CLOSE_TIMEOUT);
    }

    private void stopAccepting() {
        if (!listeners.isEmpty()) {
            log.info("pgwake stops accepting clients on {}", listeners.get(0).localAddress());
            listeners.forEach(listening -> listening.close().syncUninterruptibly());
        }
    }

    private void closeEverything(Duration left) {
        pools.close();
        if (http != null) {
            http.close();
        }
        if (acceptors != null) {
            Future<?> acceptorsDone = acceptors.shutdownGracefully(0, left.toNanos(), TimeUnit.NANOSECONDS);
            Future<?> workersDone = workers.shutdownGracefully(0, left.toNanos(), TimeUnit.NANOSECONDS);
            acceptorsDone.syncUninterruptibly();
            workersDone.syncUninterruptibly();
        }
        metrics.close();
        registry.close();
        branches.close();
        try {
            driver.close();
        } catch (Exception e) {
            log.warn("closing the {} driver failed: {}", driver.kind(), e.getMessage());
        }
        log.info("pgwake stopped");
    }

    /** Starts {@code work} on a thread of its own: operator requests that block (reading files, shutting down). */
    private static void inBackground(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** What the console and the HTTP API may do to the whole server. */
    private final class Control implements ServerControl {
        @Override
        public ProxyConfig config() {
            return live.current();
        }

        @Override
        public CompletableFuture<List<ConfigChange>> reload() {
            return CompletableFuture.supplyAsync(live::reload, work -> inBackground(work, "pgwake-reload"));
        }

        @Override
        public void shutdown() {
            inBackground(() -> ProxyServer.this.shutdown(live.current().shutdownTimeout()), "pgwake-shutdown");
        }
    }
}
