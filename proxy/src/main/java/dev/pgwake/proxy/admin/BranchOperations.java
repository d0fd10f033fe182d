package dev.pgwake.proxy.admin;

import dev.pgwake.lifecycle.BranchInfo;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.Branches;
import dev.pgwake.lifecycle.Wake;
import dev.pgwake.proxy.frontend.BranchSessions;
import dev.pgwake.proxy.protocol.SqlState;

import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.concurrent.CompletableFuture;

/**
 * The operator's branch operations, as the console and the HTTP API both offer them: the same coordinator
 * calls and the same refusals, so the two cannot drift apart. Failures complete the futures with an exception
 * that {@link OperationFailure#of} classifies. Thread-safe; nothing here blocks.
 */
public final class BranchOperations {
    private final Branches branches;
    private final BranchSessions sessions;
    private final ToIntFunction<String> servers;

    /** @param servers the server connections (leased, idle, being opened) of a branch's pools now */
    public BranchOperations(Branches branches, BranchSessions sessions, ToIntFunction<String> servers) {
        this.branches = branches;
        this.sessions = sessions;
        this.servers = servers;
    }

    /** One branch as an operator sees it: the coordinator's row, its clients and server connections now. */
    public record BranchStatus(BranchInfo info, int clients, int servers) {
    }

    /** Every branch, by name. */
    public List<BranchStatus> list() {
        return branches.list().stream().map(this::status).toList();
    }

    public Optional<BranchStatus> get(String branch) {
        return branches.info(branch).map(this::status);
    }

    private BranchStatus status(BranchInfo info) {
        return new BranchStatus(info, sessions.clients(info.name()), servers.applyAsInt(info.name()));
    }

    /**
     * Sends the branch to sleep as deep as {@code target} (SUSPENDED, STOPPED or ARCHIVED; nothing to do if it
     * sleeps that deep already); completes with the state it rests in then.
     */
    public CompletableFuture<BranchState> sleep(String branch, BranchState target) {
        CompletableFuture<Void> done = switch (target) {
            case SUSPENDED -> branches.suspend(branch);
            case STOPPED -> branches.stop(branch);
            case ARCHIVED -> branches.archive(branch);
            default -> throw new IllegalArgumentException("an operator sends a branch to suspended, stopped or "
                    + "archived, not " + target.label());
        };
        return done.thenApply(ignored -> branches.info(branch).map(BranchInfo::state).orElse(target));
    }

    /** Wakes the branch now; completes with what the wake had to do and how long it took. */
    public CompletableFuture<Wake> resume(String branch) {
        return branches.resume(branch);
    }

    /** Creates {@code branch} from {@code parent} (default: the default branch) and starts it: a cold wake. */
    public CompletableFuture<Wake> create(String branch, Optional<String> parent) {
        return branches.create(branch, parent);
    }

    /** The parent a branch was created from, as recorded (or as asked, while the record does not say). */
    public Optional<String> parentOf(String branch, Optional<String> asked) {
        return branches.info(branch).flatMap(BranchInfo::parent).or(() -> asked);
    }

    /**
     * Deletes the branch and its data. Refused with 55006 while clients are connected to it, unless {@code force},
     * which cuts them off.
     */
    public CompletableFuture<Void> drop(String branch, boolean force) {
        int clients = sessions.clients(branch);
        if (clients > 0 && !force) {
            String them = clients == 1 ? "it" : "them";
            return CompletableFuture.failedFuture(new CommandException(SqlState.OBJECT_IN_USE, "branch \"" + branch
                    + "\" has " + clients + (clients == 1 ? " client" : " clients") + " connected: disconnect " + them
                    + " first, or drop it with force to cut " + them + " off (DROP BRANCH " + branch + " FORCE in the "
                    + "console, DELETE /branches/" + branch + "?force=true over HTTP)"));
        }
        return branches.drop(branch, force);
    }
}
