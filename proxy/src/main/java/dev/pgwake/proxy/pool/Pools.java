package dev.pgwake.proxy.pool;

import dev.pgwake.lifecycle.BranchListener;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.proxy.backend.ServerConnection;
import dev.pgwake.proxy.config.PoolConfig;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Every pool, created on first use, and the proxy-wide client limit ({@code max_client_conn}). When a
 * branch goes to sleep its pools close their idle connections. A timer on one event loop runs each pool's
 * housekeeping once a second. Operators pause and resume pools here; a PAUSE of every pool also pauses the
 * pools created until the next RESUME of every pool. Thread-safe.
 */
public final class Pools implements BranchListener, AutoCloseable {
    private final Map<PoolKey, ServerPool> pools = new ConcurrentHashMap<>();
    private final Map<String, DatabaseLimit> databases = new ConcurrentHashMap<>();
    private final AtomicInteger clients = new AtomicInteger();
    private final ServerOpener opener;
    private final List<Consumer<ServerPool>> creations = new CopyOnWriteArrayList<>();
    private volatile PoolConfig config;
    private volatile boolean allPaused;
    private ScheduledFuture<?> timer;

    public Pools(PoolConfig config, ServerOpener opener) {
        this(config, opener, (branch, cause) -> { });
    }

    /**
     * @param unreachable hears of a branch whose compute refused a new connection (branch, cause): it is not
     *                    running where it was said to, and its lifecycle must find out why
     */
    public Pools(PoolConfig config, ServerOpener opener, BiConsumer<String, String> unreachable) {
        this.config = config;
        this.opener = (loop, endpoint, key) -> {
            Future<ServerConnection> opening = opener.open(loop, endpoint, key);
            opening.addListener(done -> {
                if (!done.isSuccess() && done.cause().getCause() instanceof ConnectException refused) {
                    unreachable.accept(key.branch(), "its server at " + endpoint.host() + ":" + endpoint.port()
                            + " refused a connection: " + refused.getMessage());
                }
            });
            return opening;
        };
    }

    public PoolConfig config() {
        return config;
    }

    /** New settings apply to every pool at once (sizes, timeouts, modes of later leases). */
    public void reconfigure(PoolConfig changed) {
        config = changed;
        pools.values().forEach(pool -> pool.settings(changed.settingsFor(pool.key().branch(), pool.key().database(),
                pool.key().user())));
    }

    public ServerPool pool(PoolKey key) {
        ServerPool existing = pools.get(key);
        return existing != null ? existing : pools.computeIfAbsent(key, this::create);
    }

    private ServerPool create(PoolKey key) {
        ServerPool pool = newPool(key);
        if (allPaused) {
            pool.pause();
        }
        creations.forEach(listener -> listener.accept(pool));
        return pool;
    }

    private ServerPool newPool(PoolKey key) {
        String database = key.branch() + "/" + key.database();
        DatabaseLimit limit = databases.computeIfAbsent(database, name -> new DatabaseLimit(config.maxDbConnections()));
        return new ServerPool(key, config.settingsFor(key.branch(), key.database(), key.user()), opener, limit,
                new ServerPool.Siblings() {
                    @Override
                    public void freed() {
                        if (config.maxDbConnections() > 0) {
                            siblingsOf(key).forEach(ServerPool::kick);
                        }
                    }

                    @Override
                    public void wanted() {
                        for (ServerPool sibling : siblingsOf(key)) {
                            if (sibling.giveRoom()) {
                                return;
                            }
                        }
                    }
                });
    }

    private List<ServerPool> siblingsOf(PoolKey key) {
        List<ServerPool> siblings = new ArrayList<>();
        pools.forEach((other, pool) -> {
            if (!other.equals(key) && other.branch().equals(key.branch()) && other.database().equals(key.database())) {
                siblings.add(pool);
            }
        });
        return siblings;
    }

    /** Counts a new client; false (and not counted) when {@code max_client_conn} clients are connected. */
    public boolean admitClient() {
        if (clients.incrementAndGet() > config.maxClientConn()) {
            clients.decrementAndGet();
            return false;
        }
        return true;
    }

    public void clientLeft() {
        clients.decrementAndGet();
    }

    public int clients() {
        return clients.get();
    }

    /** {@code listener} hears of every pool created from now on, before any client uses it (metrics). */
    public void whenCreated(Consumer<ServerPool> listener) {
        creations.add(listener);
    }

    /** Every pool, by key. */
    public List<ServerPool> all() {
        return pools.values().stream().sorted(Comparator.comparing(pool -> pool.key().toString())).toList();
    }

    /** PAUSE: the pool {@code key}, or every pool (also those created later); the pools paused (none: no such pool). */
    public List<ServerPool> pause(Optional<PoolKey> key) {
        if (key.isEmpty()) {
            allPaused = true;
        }
        List<ServerPool> paused = matching(key);
        paused.forEach(ServerPool::pause);
        return paused;
    }

    /** RESUME: the pool {@code key}, or every pool; the pools resumed (none: no such pool). */
    public List<ServerPool> resume(Optional<PoolKey> key) {
        if (key.isEmpty()) {
            allPaused = false;
        }
        List<ServerPool> resumed = matching(key);
        resumed.forEach(ServerPool::resume);
        return resumed;
    }

    private List<ServerPool> matching(Optional<PoolKey> key) {
        if (key.isEmpty()) {
            return all();
        }
        ServerPool pool = pools.get(key.get());
        return pool == null ? List.of() : List.of(pool);
    }

    /** The server connections of a branch's pools now: leased, idle and being opened. */
    public int serverConnections(String branch) {
        int servers = 0;
        for (ServerPool pool : pools.values()) {
            if (pool.key().branch().equals(branch)) {
                PoolStats stats = pool.stats();
                servers += stats.active() + stats.idle() + stats.opening();
            }
        }
        return servers;
    }

    public List<PoolStats> stats() {
        return pools.values().stream().map(ServerPool::stats)
                .sorted(Comparator.comparing(stats -> stats.key().toString())).toList();
    }

    /** Starts the housekeeping timer on {@code loop}. */
    public void start(EventLoop loop) {
        timer = loop.scheduleAtFixedRate(() -> pools.values().forEach(pool -> pool.tick(loop)), 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<Void> beforeSleep(String branch, BranchState target) {
        pools.forEach((key, pool) -> {
            if (key.branch().equals(branch)) {
                pool.sleep();
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void dropped(String branch) {
        pools.keySet().removeIf(key -> {
            if (key.branch().equals(branch)) {
                pools.get(key).sleep();
                return true;
            }
            return false;
        });
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.cancel(false);
        }
        pools.values().forEach(ServerPool::sleep);
    }
}
