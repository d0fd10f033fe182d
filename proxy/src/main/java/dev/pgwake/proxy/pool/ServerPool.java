package dev.pgwake.proxy.pool;

import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.proxy.backend.ServerConnection;
import dev.pgwake.proxy.config.PoolSettings;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The server connections of one (branch, database, user), PgBouncer-style: at most {@code pool_size}
 * (plus {@code reserve_pool_size} once a client waited {@code reserve_pool_timeout}), handed out most
 * recently used first, preferring one on the asking client's event loop; clients beyond that wait in
 * order, at most {@code query_wait_timeout}. Connections idle past {@code server_check_delay} are checked
 * before use; past {@code server_idle_timeout} (above {@code min_pool_size}) or {@code server_lifetime}
 * they are closed. Thread-safe: state changes under the pool's lock, and everything that may call back
 * (promises, opening and closing connections) runs after the lock is let go.
 */
public final class ServerPool {
    private static final Logger log = LoggerFactory.getLogger(ServerPool.class);

    private final PoolKey key;
    private final ServerOpener opener;
    private final DatabaseLimit databaseLimit;
    private final Siblings siblings;
    private final IdleServers idle = new IdleServers();
    private final WaitQueue waiters = new WaitQueue();
    private final PoolStatements statements = new PoolStatements();
    private volatile PoolSettings settings;
    private Endpoint endpoint;
    private int active;
    private int opening;
    /** Of those opening, how many no client waits for yet (min_pool_size, {@link #prewarm}): a client waits for one. */
    private int unclaimed;
    private long leases;
    private long waitNanos;
    private final PoolCounters counters = new PoolCounters();
    /** PAUSE: no connection is handed out (clients wait) until RESUME. Guarded by the lock. */
    private boolean paused;

    /** The other pools of the same database, which share its {@code max_db_connections}. */
    interface Siblings {
        /** This pool closed a connection: a waiting sibling may open one. */
        void freed();

        /** This pool has a waiter and the database is at its limit: a sibling may close an idle connection. */
        void wanted();
    }

    ServerPool(PoolKey key, PoolSettings settings, ServerOpener opener, DatabaseLimit databaseLimit, Siblings siblings) {
        this.key = key;
        this.settings = settings;
        this.opener = opener;
        this.databaseLimit = databaseLimit;
        this.siblings = siblings;
    }

    public PoolKey key() {
        return key;
    }

    public PoolSettings settings() {
        return settings;
    }

    void settings(PoolSettings changed) {
        settings = changed;
    }

    /** The statements this pool's connections accepted or found stale. */
    PoolStatements statements() {
        return statements;
    }

    /** True if a server of this pool accepted a Parse of this statement (so it parses, as this user, here). */
    public boolean knows(String statement) {
        return statements.knows(statement);
    }

    /** A connection to {@code at} for a client on {@code loop}; the future completes on that loop. */
    public Future<PooledServer> lease(EventLoop loop, Endpoint at) {
        Promise<PooledServer> promise = loop.newPromise();
        List<Runnable> after = new ArrayList<>(2);
        synchronized (this) {
            if (!at.equals(endpoint)) {
                endpoint = at;
                idle.expire(server -> !server.endpoint().equals(at), server -> forget(server, after));
            }
            serve(new Waiter(promise, loop, System.nanoTime()), after, false);
        }
        after.forEach(Runnable::run);
        return promise;
    }

    /**
     * A connection at once, without a future, when one is idle and need not be checked and no client waits
     * before this one; null otherwise (then {@link #lease}). The transaction fast path.
     */
    public PooledServer leaseNow(EventLoop loop, Endpoint at) {
        long now = System.nanoTime();
        long checkAfter = settings.serverCheckDelay().toNanos();
        synchronized (this) {
            if (paused || !at.equals(endpoint) || !waiters.isEmpty()) {
                return null;
            }
            PooledServer server = idle.takeFresh(loop, now, checkAfter);
            if (server != null) {
                active++;
                leases++;
            }
            return server;
        }
    }

    /** Back from a client that is done with it: to the next waiter, to the idle list, or closed if spent. */
    public void release(PooledServer server) {
        Future<?> cancel = server.pendingCancel();
        if (cancel != null) {
            cancel.addListener(done -> release(server));
            return;
        }
        server.own(null);
        long now = System.nanoTime();
        synchronized (this) { // the common case: nobody waits, back to the idle list
            if (waiters.isEmpty() && reusable(server, now)) {
                active--;
                idle.push(server, now);
                return;
            }
        }
        List<Runnable> after = new ArrayList<>(2);
        synchronized (this) {
            active--;
            if (!reusable(server, now)) {
                forget(server, after);
                dispatch(after);
            } else {
                server.idleSince(now);
                handOut(server, after);
            }
        }
        after.forEach(Runnable::run);
    }

    /** Closes a leased connection whose state cannot be trusted, and lets a waiter have its place. */
    public void discard(PooledServer server) {
        server.own(null);
        List<Runnable> after = new ArrayList<>(2);
        synchronized (this) {
            active--;
            forget(server, after);
            dispatch(after);
        }
        after.forEach(Runnable::run);
    }

    /**
     * Opens a connection to {@code at} before the branch's wake has ended: where a compute being resumed hot listens
     * frozen (the kernel queues the connection and the server answers it as soon as it continues), or where one being
     * started warm or cold already accepts connections while its driver still makes sure. The login overlaps the end
     * of the wake instead of following it. The first client to lease waits for it. Only into a pool with no idle
     * connection, room, and no other such connection on its way.
     */
    public void prewarm(EventLoop loop, Endpoint at) {
        List<Runnable> after = new ArrayList<>(1);
        synchronized (this) {
            if (paused || unclaimed > 0 || !idle.isEmpty() || endpoint != null && !endpoint.equals(at)
                    || size() >= settings.poolSize() || !databaseLimit.tryAcquire()) {
                return;
            }
            open(new Waiter(null, loop, System.nanoTime()), at, after);
        }
        after.forEach(Runnable::run);
    }

    /** The branch goes to sleep: idle connections close and no new ones open until a client asks again. */
    public void sleep() {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            endpoint = null;
            closeIdle(after);
        }
        after.forEach(Runnable::run);
    }

    /** Closes one idle connection, if any, so that another pool of the same database gets room. */
    boolean giveRoom() {
        List<Runnable> after = new ArrayList<>(1);
        synchronized (this) {
            PooledServer oldest = idle.pollOldest();
            if (oldest == null) {
                return false;
            }
            forget(oldest, after);
        }
        after.forEach(Runnable::run);
        return true;
    }

    /** Once a second: waiters past their timeout, the reserve, idle and old connections, min_pool_size. */
    void tick(EventLoop loop) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            expireWaiters(now, after);
            expireIdle(now, after);
            Waiter oldest = waiters.peek();
            if (oldest != null && databaseLimit.full()) {
                after.add(siblings::wanted); // a sibling pool may have put a connection to idle since
            }
            if (oldest != null && now - oldest.sinceNanos() >= settings.reservePoolTimeout().toNanos()) {
                dispatchWith(true, after);
            }
            dispatch(after);
            while (endpoint != null && size() < settings.minPoolSize() && databaseLimit.tryAcquire()) {
                open(new Waiter(null, loop, now), endpoint, after);
            }
        }
        after.forEach(Runnable::run);
    }

    /** Another pool of this database closed a connection: a waiter here may get one now. */
    void kick() {
        List<Runnable> after = new ArrayList<>(1);
        synchronized (this) {
            dispatch(after);
        }
        after.forEach(Runnable::run);
    }

    public synchronized PoolStats stats() {
        long now = System.nanoTime();
        Waiter oldest = waiters.peek();
        long maxWait = oldest == null ? 0 : (now - oldest.sinceNanos()) / 1000;
        return new PoolStats(key, settings.mode().toString(), settings.poolSize(), active, idle.size(), opening,
                waiters.size(), leases, waitNanos / 1000, maxWait);
    }

    // --- operators: counters, PAUSE and RESUME, SHOW SERVERS ---

    /** What this pool's clients did, counted where it happens. */
    public PoolCounters counters() {
        return counters;
    }

    /** From now on no connection is handed out: clients wait (up to query_wait_timeout) until {@link #resume}. */
    public synchronized void pause() {
        paused = true;
    }

    /** Hands idle connections to the clients that waited meanwhile, and opens more for the rest. */
    public void resume() {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            paused = false;
            Waiter waiter;
            while ((waiter = waiters.peek()) != null) {
                PooledServer server = idle.take(waiter.loop(), dead -> forget(dead, after));
                if (server == null) {
                    break;
                }
                waiters.poll();
                active++;
                deliver(server, waiter, after);
            }
            dispatch(after);
        }
        after.forEach(Runnable::run);
    }

    public synchronized boolean paused() {
        return paused;
    }

    /** The idle connections now. */
    public synchronized List<ServerInfo> idleServers() {
        List<ServerInfo> servers = new ArrayList<>(idle.size());
        idle.forEach(server -> servers.add(ServerInfo.idle(server)));
        return servers;
    }

    // --- under the lock ---

    private int size() {
        return active + idle.size() + opening;
    }

    private void serve(Waiter waiter, List<Runnable> after, boolean reserve) {
        if (paused) {
            waiters.add(waiter);
            return;
        }
        PooledServer server = idle.take(waiter.loop(), dead -> forget(dead, after));
        if (server != null) {
            active++;
            deliver(server, waiter, after);
        } else if (unclaimed > 0) { // on its way for nobody: this client takes it
            unclaimed--;
            waiters.add(waiter);
        } else if (mayOpen(reserve)) {
            open(waiter, endpoint, after);
        } else {
            waiters.add(waiter);
            if (databaseLimit.full()) {
                after.add(siblings::wanted);
            }
        }
    }

    private boolean mayOpen(boolean reserve) {
        int limit = settings.poolSize() + (reserve ? settings.reservePoolSize() : 0);
        return endpoint != null && size() < limit && databaseLimit.tryAcquire();
    }

    private void handOut(PooledServer server, List<Runnable> after) {
        if (paused) {
            idle.putBack(server);
            return;
        }
        Waiter waiter = waiters.poll();
        if (waiter != null) {
            active++;
            deliver(server, waiter, after);
        } else {
            idle.putBack(server);
        }
    }

    /** Counts a lease that waited: for SHOW STATS, and for the wait histogram (fed after the lock). */
    private void leased(Waiter waiter, long now, List<Runnable> after) {
        long waited = now - waiter.sinceNanos();
        leases++;
        waitNanos += waited;
        after.add(() -> counters.waited(waited));
    }

    private void deliver(PooledServer server, Waiter waiter, List<Runnable> after) {
        long now = System.nanoTime();
        leased(waiter, now, after);
        boolean stale = now - server.idleSinceNanos() >= settings.serverCheckDelay().toNanos();
        after.add(() -> {
            if (!stale) {
                complete(server, waiter);
                return;
            }
            ServerCheck.run(server).addListener(check -> {
                if (Boolean.TRUE.equals(check.getNow())) {
                    complete(server, waiter);
                } else {
                    log.info("{} of pool {} failed its check after sitting idle; opening another", server, key);
                    retry(server, waiter);
                }
            });
        });
    }

    private void complete(PooledServer server, Waiter waiter) {
        if (!waiter.promise().trySuccess(server)) {
            release(server); // the client went away while it waited
        }
    }

    private void retry(PooledServer failed, Waiter waiter) {
        List<Runnable> after = new ArrayList<>(2);
        synchronized (this) {
            active--;
            forget(failed, after);
            serve(waiter, after, false);
        }
        after.forEach(Runnable::run);
    }

    private void open(Waiter waiter, Endpoint at, List<Runnable> after) {
        opening++;
        if (waiter.forNobody()) {
            unclaimed++;
        }
        EventLoop loop = waiter.loop();
        after.add(() -> opener.open(loop, at, key).addListener(result -> opened(result, waiter)));
    }

    @SuppressWarnings("unchecked")
    private void opened(Future<?> result, Waiter waiter) {
        List<Runnable> after = new ArrayList<>(1);
        synchronized (this) {
            opening--;
            if (waiter.forNobody() && unclaimed > 0) {
                unclaimed--; // else a client claimed it: it waits in the queue, handed this one (or another open)
            }
            if (!result.isSuccess()) {
                databaseLimit.release();
                log.info("pool {} could not open a server connection: {}", key, result.cause().getMessage());
                if (waiter.promise() != null) {
                    after.add(() -> waiter.promise().tryFailure(result.cause()));
                }
                dispatch(after);
            } else {
                PooledServer server = new PooledServer((ServerConnection) result.getNow(), this,
                        settings.maxPreparedStatements());
                if (endpoint != null && !server.endpoint().equals(endpoint)) {
                    forget(server, after); // opened ahead of a wake that ended elsewhere
                    dispatch(after);
                } else if (!waiter.waiting()) {
                    handOut(server, after);
                } else {
                    active++;
                    leased(waiter, System.nanoTime(), after);
                    after.add(() -> complete(server, waiter));
                }
            }
        }
        after.forEach(Runnable::run);
    }

    /** Opens connections for waiters while the limits allow. */
    private void dispatch(List<Runnable> after) {
        dispatchWith(false, after);
    }

    private void dispatchWith(boolean reserve, List<Runnable> after) {
        if (paused) {
            return;
        }
        while (waiters.peek() != null && mayOpen(reserve)) {
            open(waiters.poll(), endpoint, after);
        }
    }

    private boolean reusable(PooledServer server, long now) {
        return server.usable() && server.endpoint().equals(endpoint) && !expired(settings.serverLifetime().toNanos(),
                now - server.openedNanos());
    }

    private static boolean expired(long limitNanos, long ageNanos) {
        return limitNanos > 0 && ageNanos >= limitNanos;
    }

    /** A connection stops counting against the limits; closing it happens after the lock. */
    private void forget(PooledServer server, List<Runnable> after) {
        databaseLimit.release();
        after.add(server::close);
        after.add(siblings::freed);
    }

    /** Called by the connection itself when its channel closed. */
    void closed(PooledServer server) {
        List<Runnable> after = new ArrayList<>(2);
        synchronized (this) {
            if (idle.remove(server)) {
                forget(server, after);
                dispatch(after);
            }
        }
        after.forEach(Runnable::run);
    }

    private void closeIdle(List<Runnable> after) {
        idle.drain(server -> forget(server, after));
    }

    private void expireWaiters(long now, List<Runnable> after) {
        waiters.expire(now, settings.queryWaitTimeout().toNanos(), late -> {
            PoolWaitTimeoutException timeout = new PoolWaitTimeoutException(key, settings.queryWaitTimeout(),
                    settings.poolSize());
            after.add(() -> late.promise().tryFailure(timeout));
        });
    }

    private void expireIdle(long now, List<Runnable> after) {
        long idleLimit = settings.serverIdleTimeout().toNanos();
        long lifetime = settings.serverLifetime().toNanos();
        idle.expire(server -> !server.usable() || expired(lifetime, now - server.openedNanos())
                        || expired(idleLimit, now - server.idleSinceNanos()) && size() > settings.minPoolSize(),
                server -> forget(server, after));
    }
}
