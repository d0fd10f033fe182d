package dev.pgwake.proxy.http;

import dev.pgwake.lifecycle.BranchInfo;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.ResumeKind;
import dev.pgwake.lifecycle.Wake;
import dev.pgwake.proxy.admin.BranchOperations;
import dev.pgwake.proxy.admin.BranchOperations.BranchStatus;
import dev.pgwake.proxy.protocol.SqlState;
import dev.pgwake.routing.BranchName;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /branches...}: the admin console's branch commands as JSON, through the same {@link BranchOperations}.
 * Each method answers on whatever thread the coordinator completes; nothing blocks.
 */
final class BranchEndpoints {
    /** One branch, as a row of SHOW BRANCHES. */
    record BranchJson(String name, String parent, String state, String lastResume, Integer port, int clients,
                      int servers, double computeSeconds, double wallSeconds, double savingPct) {
        static BranchJson of(BranchStatus status) {
            BranchInfo info = status.info();
            return new BranchJson(info.name(), info.parent().orElse(null), info.state().label(),
                    info.lastResume().map(ResumeKind::label).orElse(null),
                    info.port().isPresent() ? info.port().getAsInt() : null, status.clients(), status.servers(),
                    rounded(info.computeSeconds(), 1000), rounded(info.wallSeconds(), 1000),
                    rounded(info.savingPercent(), 10));
        }

        private static double rounded(double value, int scale) {
            return Math.round(value * scale) / (double) scale;
        }
    }

    /** The body of {@code POST /branches}. */
    record CreateBody(String name, String from) {
    }

    /** What a wake did: as RESUME BRANCH and CREATE BRANCH answer. */
    record WakeJson(String name, String parent, String resume, long ms) {
        static WakeJson of(String name, Optional<String> parent, Wake wake) {
            return new WakeJson(name, parent.orElse(null), wake.kind().label(), wake.took().toMillis());
        }
    }

    /** Where a branch rests after a command. */
    record StateJson(String name, String state) {
    }

    private final BranchOperations operations;
    private final JsonReplies json;

    BranchEndpoints(BranchOperations operations, JsonReplies json) {
        this.operations = operations;
        this.json = json;
    }

    CompletableFuture<Reply> list() {
        List<BranchJson> rows = operations.list().stream().map(BranchJson::of).toList();
        return done(json.ok(200, Map.of("branches", rows)));
    }

    CompletableFuture<Reply> get(String branch) {
        return done(operations.get(name(branch))
                .map(status -> json.ok(200, BranchJson.of(status)))
                .orElseGet(() -> json.error(404, SqlState.INVALID_CATALOG_NAME, "branch \"" + branch
                        + "\" does not exist")));
    }

    CompletableFuture<Reply> create(ApiRequest request) {
        CreateBody body = json.read(request.body(), CreateBody.class, "POST /branches");
        if (body.name() == null) {
            throw new RequestException(SqlState.INVALID_PARAMETER_VALUE, "POST /branches needs \"name\": "
                    + "{\"name\": \"feature-x\", \"from\": \"main\"} (from is optional)");
        }
        String branch = name(body.name());
        Optional<String> parent = Optional.ofNullable(body.from()).map(BranchEndpoints::name);
        return operations.create(branch, parent).thenApply(wake -> json.ok(201,
                WakeJson.of(branch, operations.parentOf(branch, parent), wake))
                .withHeader("Location", "/branches/" + branch));
    }

    CompletableFuture<Reply> resume(String branch) {
        return operations.resume(name(branch)).thenApply(wake -> json.ok(200,
                WakeJson.of(branch, operations.get(branch).flatMap(status -> status.info().parent()), wake)));
    }

    CompletableFuture<Reply> sleep(String branch, BranchState target) {
        return operations.sleep(name(branch), target)
                .thenApply(state -> json.ok(200, new StateJson(branch, state.label())));
    }

    CompletableFuture<Reply> drop(String branch, ApiRequest request) {
        boolean force = request.parameter("force").map(BranchEndpoints::flag).orElse(false);
        return operations.drop(name(branch), force)
                .thenApply(ignored -> json.ok(200, new StateJson(branch, "dropped")));
    }

    private static boolean flag(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new RequestException(SqlState.INVALID_PARAMETER_VALUE, "force=" + value
                + ": use force=true or force=false");
    }

    /** The name if it is a valid branch name, else 42602 with what is wrong with it. */
    static String name(String text) {
        Optional<String> problem = BranchName.problem(text);
        if (problem.isPresent()) {
            throw new RequestException(SqlState.INVALID_NAME, problem.get());
        }
        return text;
    }

    private static CompletableFuture<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
