package dev.pgwake.proxy.admin;

import dev.pgwake.proxy.frontend.BranchSessions;
import dev.pgwake.proxy.frontend.ClientSnapshot;
import dev.pgwake.proxy.pool.PoolClients;
import dev.pgwake.proxy.pool.PoolKey;
import dev.pgwake.proxy.pool.PoolView;
import dev.pgwake.proxy.pool.Pools;
import dev.pgwake.proxy.pool.ServerInfo;
import dev.pgwake.proxy.pool.ServerPool;
import dev.pgwake.proxy.protocol.ErrorResponse;
import dev.pgwake.proxy.protocol.SqlState;
import dev.pgwake.proxy.relay.PinReason;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The operator's pool and client operations, as the console, the HTTP API and the metrics share them: pools with
 * their clients, clients, server connections, totals; PAUSE and RESUME; KILL_CLIENT. Clients are asked on their own
 * event loops, so every answer about them is a future. Failures complete the futures with an exception that
 * {@link OperationFailure#of} classifies. Thread-safe; nothing here blocks.
 */
public final class PoolOperations {
    /** What a client ended by KILL_CLIENT is told. */
    static final ErrorResponse KILLED = ErrorResponse.fatal(SqlState.ADMIN_SHUTDOWN,
            "terminated by an administrator (KILL_CLIENT)");
    private static final long POLL_MILLIS = 20;

    private final Pools pools;
    private final BranchSessions sessions;
    private final Supplier<Duration> pauseLimit;

    /** @param pauseLimit how long PAUSE waits for the paused pools' server connections to be given back (read per PAUSE) */
    public PoolOperations(Pools pools, BranchSessions sessions, Supplier<Duration> pauseLimit) {
        this.pools = pools;
        this.sessions = sessions;
        this.pauseLimit = pauseLimit;
    }

    /** Every pool, by key, with its clients now. */
    public CompletableFuture<List<PoolView>> pools() {
        return sessions.snapshots().thenApply(clients -> views(pools.all(), byPool(clients)));
    }

    /** Every pool, by key, with its totals (and no client counts: no client is asked). */
    public List<PoolView> totals() {
        return views(pools.all(), Map.of());
    }

    /** Every connected client, longest connected first. */
    public CompletableFuture<List<ClientSnapshot>> clients() {
        return sessions.snapshots().thenApply(clients -> clients.stream()
                .sorted(Comparator.comparing(ClientSnapshot::connectedSince).thenComparing(ClientSnapshot::id))
                .toList());
    }

    /** Every server connection: those clients hold and those idle in their pools, by pool, state and pid. */
    public CompletableFuture<List<ServerInfo>> servers() {
        return sessions.snapshots().thenApply(clients -> {
            List<ServerInfo> servers = new ArrayList<>();
            clients.forEach(client -> client.server().ifPresent(servers::add));
            pools.all().forEach(pool -> servers.addAll(pool.idleServers()));
            servers.sort(Comparator.comparing((ServerInfo server) -> server.key().toString())
                    .thenComparing(ServerInfo::state).thenComparingInt(ServerInfo::pid));
            return servers;
        });
    }

    /**
     * PAUSE {@code key} (every pool when empty): no server connection is handed out any more; completes once the
     * paused pools have every leased connection back, or after the pause limit, with the pools as they are then.
     */
    public CompletableFuture<List<PoolView>> pause(Optional<PoolKey> key) {
        List<ServerPool> paused = existing(key, pools.pause(key));
        CompletableFuture<List<PoolView>> done = new CompletableFuture<>();
        awaitIdle(paused, System.nanoTime() + pauseLimit.get().toNanos(), done);
        return done;
    }

    /** RESUME {@code key} (every pool when empty): clients that waited get their server connections. */
    public CompletableFuture<List<PoolView>> resume(Optional<PoolKey> key) {
        return CompletableFuture.completedFuture(views(existing(key, pools.resume(key)), Map.of()));
    }

    /** KILL_CLIENT: ends the client with FATAL 57P01; completes with how it was just before. */
    public CompletableFuture<ClientSnapshot> kill(String id) {
        return sessions.terminate(id, KILLED).thenApply(killed -> killed.orElseThrow(() -> new CommandException(
                SqlState.UNDEFINED_OBJECT, "no client with id \"" + id + "\" is connected; SHOW CLIENTS lists them")));
    }

    /** {@code branch/database/user} as a pool's key; 42601 when it is not. */
    public static PoolKey key(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new CommandException(SqlState.SYNTAX_ERROR, "\"" + text + "\" does not name a pool: write "
                    + "branch/database/user, as SHOW POOLS lists them");
        }
        return new PoolKey(parts[0], parts[1], parts[2]);
    }

    private static List<ServerPool> existing(Optional<PoolKey> key, List<ServerPool> found) {
        if (key.isPresent() && found.isEmpty()) {
            throw new CommandException(SqlState.UNDEFINED_OBJECT, "no pool " + key.get() + ": a pool appears with "
                    + "its first client; SHOW POOLS lists them");
        }
        return found;
    }

    private void awaitIdle(List<ServerPool> paused, long deadline, CompletableFuture<List<PoolView>> done) {
        boolean idle = paused.stream().allMatch(pool -> pool.stats().active() == 0);
        if (idle || System.nanoTime() - deadline >= 0) {
            done.complete(views(paused, Map.of()));
            return;
        }
        CompletableFuture.delayedExecutor(POLL_MILLIS, TimeUnit.MILLISECONDS)
                .execute(() -> awaitIdle(paused, deadline, done));
    }

    private static List<PoolView> views(List<ServerPool> pools, Map<PoolKey, PoolClients> clients) {
        return pools.stream().map(pool -> PoolView.of(pool, clients.getOrDefault(pool.key(), PoolClients.NONE)))
                .toList();
    }

    /** Clients per pool: holding a server connection, waiting for one, pinned by reason. */
    private static Map<PoolKey, PoolClients> byPool(List<ClientSnapshot> clients) {
        Map<PoolKey, int[]> counts = new HashMap<>();
        Map<PoolKey, Map<String, Integer>> pinned = new HashMap<>();
        for (ClientSnapshot client : clients) {
            int[] count = counts.computeIfAbsent(client.poolKey(), key -> new int[2]);
            count[0] += client.server().isPresent() ? 1 : 0;
            count[1] += client.waiting() ? 1 : 0;
            for (PinReason reason : client.pins()) {
                pinned.computeIfAbsent(client.poolKey(), key -> new HashMap<>()).merge(reason.name(), 1, Integer::sum);
            }
        }
        Map<PoolKey, PoolClients> byPool = new HashMap<>();
        counts.forEach((key, count) -> byPool.put(key, new PoolClients(count[0], count[1],
                pinned.getOrDefault(key, Map.of()))));
        return byPool;
    }
}
