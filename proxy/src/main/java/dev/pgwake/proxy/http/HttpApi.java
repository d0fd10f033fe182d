package dev.pgwake.proxy.http;

import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.proxy.admin.BranchOperations;
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
 * {@code /health/ready}), Prometheus metrics ({@code /metrics}) and branch operations ({@code /branches...}).
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
    private final Supplier<String> metrics;
    private final Optional<byte[]> token;
    private final JsonReplies json = new JsonReplies();
    private final BranchEndpoints branches;

    /**
     * @param metrics the Prometheus text exposition of every meter, fresh on each call
     * @param token the bearer token every request must present, if any
     */
    public HttpApi(Readiness readiness, Supplier<String> metrics, BranchOperations operations, Optional<String> token) {
        this.readiness = readiness;
        this.metrics = metrics;
        this.token = token.map(value -> value.getBytes(StandardCharsets.UTF_8));
        this.branches = new BranchEndpoints(operations, json);
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
            return only(request, GET).orElseGet(() -> done(new Reply(200, Reply.PROMETHEUS_TEXT, metrics.get(),
                    Map.of())));
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
                + "serves /health/live, /health/ready, /metrics, /branches, /branches/{name} and "
                + "/branches/{name}/suspend|stop|archive|resume"));
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
