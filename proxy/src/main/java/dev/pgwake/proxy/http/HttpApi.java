package dev.pgwake.proxy.http;

import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.proxy.admin.BranchOperations;
import dev.pgwake.proxy.admin.PoolOperations;
import dev.pgwake.proxy.admin.ServerControl;
import dev.pgwake.proxy.pool.PoolKey;
import dev.pgwake.proxy.protocol.SqlState;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The operator's HTTP API, free of Netty: a request in, a future reply out. Health ({@code /health/live},
 * {@code /health/ready}), Prometheus metrics ({@code /metrics}), branch operations ({@code /branches...}), pools,
 * clients and server connections ({@code /pools...}, {@code /clients...}, {@code /servers}, {@code /stats}) and
 * {@code /reload}.
 * With a token, every request must carry {@code Authorization: Bearer <token>} (401 otherwise). Unknown paths are
 * 404, known paths with another method 405 (with {@code Allow}). Thread-safe.
 */
public final class HttpApi {
    private static final String GET = "GET";
    private static final String POST = "POST";
    private static final String DELETE = "DELETE";
    private static final Map<String, BranchState> SLEEPS = Map.of("suspend", BranchState.SUSPENDED,
            "stop", BranchState.STOPPED, "archive", BranchState.ARCHIVED);

    private final Readiness readiness;
    private final Supplier<CompletableFuture<String>> metrics;
    private final Optional<byte[]> token;
    private final JsonReplies json = new JsonReplies();
    private final BranchEndpoints branches;
    private final PoolEndpoints pools;

    /**
     * @param metrics the Prometheus text exposition of every meter, fresh on each call
     * @param token the bearer token every request must present, if any
     */
    public HttpApi(Readiness readiness, Supplier<CompletableFuture<String>> metrics, BranchOperations operations,
                   PoolOperations poolOperations, ServerControl control, Optional<String> token) {
        this.readiness = readiness;
        this.metrics = metrics;
        this.token = token.map(value -> value.getBytes(StandardCharsets.UTF_8));
        this.branches = new BranchEndpoints(operations, json);
        this.pools = new PoolEndpoints(poolOperations, control, json);
    }

    /** The reply to {@code request}; never fails: errors are replies too. */
    CompletableFuture<Reply> handle(ApiRequest request) {
        if (!authorized(request)) {
            return CompletableFuture.completedFuture(json.error(401, SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "this pgwake needs Authorization: Bearer <http.token>").withHeader("WWW-Authenticate",
                    "Bearer realm=\"pgwake\""));
        }
        CompletableFuture<Reply> reply;
        try {
            reply = route(request);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.exceptionally(json::failure);
    }

    JsonReplies json() {
        return json;
    }

    private boolean authorized(ApiRequest request) {
        if (token.isEmpty()) {
            return true;
        }
        String prefix = "bearer ";
        Optional<String> header = request.authorization()
                .filter(value -> value.regionMatches(true, 0, prefix, 0, prefix.length()));
        return header.isPresent() && MessageDigest.isEqual(token.get(),
                header.get().substring(prefix.length()).trim().getBytes(StandardCharsets.UTF_8));
    }

    private CompletableFuture<Reply> route(ApiRequest request) {
        List<String> path = request.path();
        String method = request.method();
        if (path.equals(List.of("health", "live"))) {
            return only(request, GET).orElseGet(() -> done(json.ok(200, Map.of("status", "live"))));
        }
        if (path.equals(List.of("health", "ready"))) {
            return only(request, GET).orElseGet(this::ready);
        }
        if (path.equals(List.of("metrics"))) {
            return only(request, GET).orElseGet(() -> metrics.get().thenApply(text -> new Reply(200,
                    Reply.PROMETHEUS_TEXT, text, Map.of())));
        }
        Optional<CompletableFuture<Reply>> pool = routePools(request);
        if (pool.isPresent()) {
            return pool.get();
        }
        if (path.equals(List.of("branches"))) {
            return only(request, GET, POST).orElseGet(() -> method.equals(GET) ? branches.list()
                    : branches.create(request));
        }
        if (path.size() == 2 && path.get(0).equals("branches")) {
            return only(request, GET, DELETE).orElseGet(() -> method.equals(GET) ? branches.get(path.get(1))
                    : branches.drop(path.get(1), request));
        }
        if (path.size() == 3 && path.get(0).equals("branches") && isCommand(path.get(2))) {
            String branch = path.get(1);
            String command = path.get(2);
            return only(request, POST).orElseGet(() -> command.equals("resume") ? branches.resume(branch)
                    : branches.sleep(branch, SLEEPS.get(command)));
        }
        return done(json.error(404, SqlState.SYNTAX_ERROR, "no such path: /" + String.join("/", path) + "; pgwake "
                + "serves /health/live, /health/ready, /metrics, /branches, /branches/{name}, "
                + "/branches/{name}/suspend|stop|archive|resume, /pools, /pools/pause|resume, "
                + "/pools/{branch}/{database}/{user}/pause|resume, /clients, /clients/{id}, /servers, /stats and "
                + "/reload"));
    }

    /** The pool, client and reload paths; empty for any other path. */
    private Optional<CompletableFuture<Reply>> routePools(ApiRequest request) {
        List<String> path = request.path();
        String first = path.isEmpty() ? "" : path.get(0);
        String last = path.isEmpty() ? "" : path.get(path.size() - 1);
        if (path.size() == 1) {
            return switch (first) {
                case "pools" -> Optional.of(only(request, GET).orElseGet(pools::pools));
                case "clients" -> Optional.of(only(request, GET).orElseGet(pools::clients));
                case "servers" -> Optional.of(only(request, GET).orElseGet(pools::servers));
                case "stats" -> Optional.of(only(request, GET).orElseGet(pools::stats));
                case "reload" -> Optional.of(only(request, POST).orElseGet(pools::reload));
                default -> Optional.empty();
            };
        }
        if (first.equals("pools") && (path.size() == 2 || path.size() == 5)
                && (last.equals("pause") || last.equals("resume"))) {
            Optional<PoolKey> key = path.size() == 2 ? Optional.empty()
                    : Optional.of(new PoolKey(path.get(1), path.get(2), path.get(3)));
            return Optional.of(only(request, POST).orElseGet(() -> pools.pauseOrResume(key, last)));
        }
        if (first.equals("clients") && path.size() == 2) {
            return Optional.of(only(request, DELETE).orElseGet(() -> pools.kill(path.get(1))));
        }
        return Optional.empty();
    }

    private static boolean isCommand(String segment) {
        return SLEEPS.containsKey(segment) || segment.equals("resume");
    }

    /** Empty when the request's method is one of {@code allowed}; else the 405 reply. */
    private Optional<CompletableFuture<Reply>> only(ApiRequest request, String... allowed) {
        if (List.of(allowed).contains(request.method())) {
            return Optional.empty();
        }
        String allow = String.join(", ", allowed);
        String what = request.method() + " is not allowed on /" + String.join("/", request.path());
        return Optional.of(done(json.error(405, SqlState.FEATURE_NOT_SUPPORTED, what + " (allowed: " + allow + ")")
                .withHeader("Allow", allow)));
    }

    private CompletableFuture<Reply> ready() {
        Optional<String> reason = readiness.notReadyBecause();
        if (reason.isEmpty()) {
            return done(json.ok(200, Map.of("status", "ready")));
        }
        return done(json.ok(503, Map.of("status", readiness.isShuttingDown() ? "shutting down" : "not ready",
                "reason", reason.get())));
    }

    private static CompletableFuture<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
