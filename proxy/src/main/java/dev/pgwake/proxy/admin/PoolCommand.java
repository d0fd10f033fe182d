package dev.pgwake.proxy.admin;

import dev.pgwake.proxy.frontend.ClientSnapshot;
import dev.pgwake.proxy.pool.PoolKey;
import dev.pgwake.proxy.pool.PoolStats;
import dev.pgwake.proxy.pool.PoolView;
import dev.pgwake.proxy.pool.ServerInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** The console's pool and client statements, with PgBouncer's column names where it has them. */
sealed interface PoolCommand extends AdminCommand {
    /** {@code SHOW POOLS}: every pool, its clients and server connections now. */
    record ShowPools() implements PoolCommand {
        static final List<String> COLUMNS = List.of("branch", "database", "user", "pool_mode", "pool_size", "cl_active",
                "cl_waiting", "sv_active", "sv_idle", "sv_opening", "maxwait_us", "paused");

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            return operations.pools().pools().thenApply(views -> table(COLUMNS, views, view -> {
                PoolStats stats = view.stats();
                return withKey(stats.key(), stats.mode(), stats.poolSize(), view.clients().active(),
                        view.clients().waiting(), stats.active(), stats.idle(), stats.opening(),
                        stats.maxWaitMicros(), view.paused());
            }));
        }

        @Override
        public String toString() {
            return "SHOW POOLS";
        }
    }

    /** {@code SHOW CLIENTS}: every client connected to a branch (console sessions are not listed). */
    record ShowClients() implements PoolCommand {
        static final List<String> COLUMNS = List.of("id", "user", "database", "branch", "state", "pin", "server_pid",
                "connected_since", "transaction", "remote_address");

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            return operations.pools().clients().thenApply(clients -> table(COLUMNS, clients, client -> Arrays.asList(
                    client.id(), client.user(), client.database(), client.branch(), client.state(), client.pinText(),
                    client.server().map(server -> Integer.toString(server.pid())).orElse(null),
                    client.connectedSince().toString(), client.transactionStatus().orElse(null),
                    client.remoteAddress())));
        }

        @Override
        public String toString() {
            return "SHOW CLIENTS";
        }
    }

    /** {@code SHOW SERVERS}: every server connection, held by a client ({@code active}) or {@code idle}. */
    record ShowServers() implements PoolCommand {
        static final List<String> COLUMNS = List.of("branch", "database", "user", "state", "pid", "endpoint",
                "connected_since", "prepared_statements");

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            return operations.pools().servers().thenApply(servers -> table(COLUMNS, servers, server -> withKey(
                    server.key(), server.state(), server.pid(), server.endpoint(), server.connectedSince(),
                    server.preparedStatements())));
        }

        @Override
        public String toString() {
            return "SHOW SERVERS";
        }
    }

    /** {@code SHOW STATS}: every pool's totals since it was created; times in microseconds. */
    record ShowStats() implements PoolCommand {
        static final List<String> COLUMNS = List.of("branch", "database", "user", "total_xact_count",
                "total_query_count", "total_received", "total_sent", "total_wait_time", "avg_wait_time");

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            return CompletableFuture.completedFuture(table(COLUMNS, operations.pools().totals(), view -> withKey(
                    view.key(), view.stats().leases(), view.queries(), view.receivedBytes(), view.sentBytes(),
                    view.stats().waitMicros(), view.averageWaitMicros())));
        }

        @Override
        public String toString() {
            return "SHOW STATS";
        }
    }

    /** {@code PAUSE [branch/database/user]}: answers once the pools have their server connections back. */
    record Pause(Optional<PoolKey> pool) implements PoolCommand {
        @Override
        public String tag() {
            return "PAUSE";
        }

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            return operations.pools().pause(pool).thenApply(views -> pausedRows(tag(), views));
        }

        @Override
        public String toString() {
            return "PAUSE" + pool.map(key -> " " + key).orElse("");
        }
    }

    /** {@code RESUME [branch/database/user]}. */
    record Resume(Optional<PoolKey> pool) implements PoolCommand {
        @Override
        public String tag() {
            return "RESUME";
        }

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            return operations.pools().resume(pool).thenApply(views -> pausedRows(tag(), views));
        }

        @Override
        public String toString() {
            return "RESUME" + pool.map(key -> " " + key).orElse("");
        }
    }

    /** {@code KILL_CLIENT id}: ends that client with FATAL 57P01. */
    record KillClient(String id) implements PoolCommand {
        @Override
        public String tag() {
            return "KILL_CLIENT";
        }

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            return operations.pools().kill(id).thenApply(client -> ResultSet.row(tag(),
                    List.of("id", "user", "database", "branch"), client.id(), client.user(), client.database(),
                    client.branch()));
        }

        @Override
        public String toString() {
            return "KILL_CLIENT " + id;
        }
    }

    @Override
    default String tag() {
        return "SHOW";
    }

    private static <T> ResultSet table(List<String> columns, List<T> items, Function<T, List<String>> row) {
        List<List<String>> rows = new ArrayList<>(items.size());
        items.forEach(item -> rows.add(row.apply(item)));
        return new ResultSet("SHOW", columns, rows);
    }

    private static ResultSet pausedRows(String tag, List<PoolView> views) {
        List<List<String>> rows = new ArrayList<>(views.size());
        views.forEach(view -> rows.add(withKey(view.key(), view.paused(), view.stats().active())));
        return new ResultSet(tag, List.of("branch", "database", "user", "paused", "sv_active"), rows);
    }

    /** The pool's branch, database and user, then {@code values} as text (null stays SQL NULL). */
    private static List<String> withKey(PoolKey key, Object... values) {
        List<String> row = new ArrayList<>(3 + values.length);
        row.add(key.branch());
        row.add(key.database());
        row.add(key.user());
        for (Object value : values) {
            row.add(value == null ? null : value.toString());
        }
        return row;
    }
}
