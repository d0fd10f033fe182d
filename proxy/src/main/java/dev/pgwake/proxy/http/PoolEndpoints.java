package dev.pgwake.proxy.http;

import dev.pgwake.proxy.admin.PoolOperations;
import dev.pgwake.proxy.admin.ServerControl;
import dev.pgwake.proxy.config.ConfigChange;
import dev.pgwake.proxy.frontend.ClientSnapshot;
import dev.pgwake.proxy.pool.PoolKey;
import dev.pgwake.proxy.pool.PoolStats;
import dev.pgwake.proxy.pool.PoolView;
import dev.pgwake.proxy.pool.ServerInfo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /pools}, {@code /clients}, {@code /servers}, {@code /stats} and {@code /reload}: the console's pool, client
 * and RELOAD statements as JSON, through the same {@link PoolOperations} and {@link ServerControl}, with the same
 * names as the console's columns. Each method answers on whatever thread finishes the operation; nothing blocks.
 */
final class PoolEndpoints {
    /** A row of SHOW POOLS. */
    record PoolJson(String branch, String database, String user, String poolMode, int poolSize, int clActive,
                    int clWaiting, int svActive, int svIdle, int svOpening, long maxwaitUs, boolean paused) {
        static PoolJson of(PoolView view) {
            PoolStats stats = view.stats();
            PoolKey key = stats.key();
            return new PoolJson(key.branch(), key.database(), key.user(), stats.mode(), stats.poolSize(),
                    view.clients().active(), view.clients().waiting(), stats.active(), stats.idle(), stats.opening(),
                    stats.maxWaitMicros(), view.paused());
        }
    }

    /** A row of SHOW CLIENTS. */
    record ClientJson(String id, String user, String database, String branch, String state, List<String> pins,
                      Integer serverPid, String connectedSince, String transaction, String remoteAddress) {
        static ClientJson of(ClientSnapshot client) {
            return new ClientJson(client.id(), client.user(), client.database(), client.branch(), client.state(),
                    client.pinTexts(),
                    client.server().map(ServerInfo::pid).orElse(null), client.connectedSince().toString(),
                    client.transactionStatus().orElse(null), client.remoteAddress());
        }
    }

    /** A row of SHOW SERVERS. */
    record ServerJson(String branch, String database, String user, String state, int pid, String endpoint,
                      String connectedSince, int preparedStatements) {
        static ServerJson of(ServerInfo server) {
            PoolKey key = server.key();
            return new ServerJson(key.branch(), key.database(), key.user(), server.state(), server.pid(),
                    server.endpoint(), server.connectedSince().toString(), server.preparedStatements());
        }
    }

    /** A row of SHOW STATS; times in microseconds. */
    record StatsJson(String branch, String database, String user, long totalXactCount, long totalQueryCount,
                     long totalReceived, long totalSent, long totalWaitTime, long avgWaitTime) {
        static StatsJson of(PoolView view) {
            PoolKey key = view.key();
            return new StatsJson(key.branch(), key.database(), key.user(), view.stats().leases(), view.queries(),
                    view.receivedBytes(), view.sentBytes(), view.stats().waitMicros(), view.averageWaitMicros());
        }
    }

    /** A row of RELOAD. */
    record ChangeJson(String key, String oldValue, String newValue, String status) {
        static ChangeJson of(ConfigChange change) {
            return new ChangeJson(change.key(), change.before(), change.after(), change.status());
        }
    }

    private final PoolOperations operations;
    private final ServerControl control;
    private final JsonReplies json;

    PoolEndpoints(PoolOperations operations, ServerControl control, JsonReplies json) {
        this.operations = operations;
        this.control = control;
        this.json = json;
    }

    CompletableFuture<Reply> pools() {
        return operations.pools().thenApply(views -> json.ok(200, Map.of("pools", pools(views))));
    }

    CompletableFuture<Reply> clients() {
        return operations.clients().thenApply(clients -> json.ok(200, Map.of("clients",
                clients.stream().map(ClientJson::of).toList())));
    }

    CompletableFuture<Reply> servers() {
        return operations.servers().thenApply(servers -> json.ok(200, Map.of("servers",
                servers.stream().map(ServerJson::of).toList())));
    }

    CompletableFuture<Reply> stats() {
        return CompletableFuture.completedFuture(json.ok(200, Map.of("stats",
                operations.totals().stream().map(StatsJson::of).toList())));
    }

    /** {@code pause} or {@code resume} the pool {@code key}, or every pool. */
    CompletableFuture<Reply> pauseOrResume(Optional<PoolKey> key, String command) {
        CompletableFuture<List<PoolView>> done = command.equals("pause") ? operations.pause(key)
                : operations.resume(key);
        return done.thenApply(views -> json.ok(200, Map.of("pools", pools(views))));
    }

    CompletableFuture<Reply> kill(String id) {
        return operations.kill(id).thenApply(client -> json.ok(200, ClientJson.of(client)));
    }

    CompletableFuture<Reply> reload() {
        return control.reload().thenApply(changes -> json.ok(200, Map.of("changes",
                changes.stream().map(ChangeJson::of).toList())));
    }

    private static List<PoolJson> pools(List<PoolView> views) {
        return views.stream().map(PoolJson::of).toList();
    }

}
