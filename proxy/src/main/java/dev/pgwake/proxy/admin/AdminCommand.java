package dev.pgwake.proxy.admin;

import dev.pgwake.lifecycle.BranchInfo;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.ResumeKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One parsed console statement. {@link #run} starts it (on the branch coordinator, the pools, the clients' event
 * loops) and completes with its result, on whatever thread finishes it; nothing here blocks. The branch statements
 * are here, the pool and client ones in {@link PoolCommand}, those about pgwake itself in {@link ServerCommand}.
 */
sealed interface AdminCommand permits AdminCommand.ShowBranches, AdminCommand.ShowVersion, AdminCommand.ShowHelp,
        AdminCommand.Set, AdminCommand.Sleep, AdminCommand.Resume, AdminCommand.Create, AdminCommand.Drop,
        PoolCommand, ServerCommand {
    /** The command's tag and the start of its text, e.g. {@code SUSPEND BRANCH}. */
    String tag();

    CompletableFuture<ResultSet> run(Operations operations);

    /** Its result is written and flushed to the admin (SHUTDOWN begins only then). */
    default void answered(Operations operations) {
    }

    /** {@code SHOW BRANCHES}: every branch the coordinator knows, by name. */
    record ShowBranches() implements AdminCommand {
        static final List<String> COLUMNS = List.of("name", "parent", "state", "last_resume", "port", "clients",
                "servers", "compute_seconds", "wall_seconds", "saving_pct");

        @Override
        public String tag() {
            return "SHOW";
        }

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            List<List<String>> rows = new ArrayList<>();
            for (BranchOperations.BranchStatus status : operations.branches().list()) {
                BranchInfo info = status.info();
                rows.add(Arrays.asList(info.name(), info.parent().orElse(null), info.state().label(),
                        info.lastResume().map(ResumeKind::label).orElse(null),
                        info.port().isPresent() ? Integer.toString(info.port().getAsInt()) : null,
                        Integer.toString(status.clients()), Integer.toString(status.servers()),
                        decimal(info.computeSeconds(), 3),
                        decimal(info.wallSeconds(), 3), decimal(info.savingPercent(), 1)));
            }
            return CompletableFuture.completedFuture(new ResultSet(tag(), COLUMNS, rows));
        }

        private static String decimal(double value, int places) {
            return String.format(Locale.ROOT, "%." + places + "f", value);
        }

        @Override
        public String toString() {
            return "SHOW BRANCHES";
        }
    }

    /** {@code SHOW VERSION}. */
    record ShowVersion(String version) implements AdminCommand {
        @Override
        public String tag() {
            return "SHOW";
        }

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            return CompletableFuture.completedFuture(ResultSet.row(tag(), List.of("version"), version));
        }

        @Override
        public String toString() {
            return "SHOW VERSION";
        }
    }

    /** {@code SHOW HELP}: every command with what it does. */
    record ShowHelp(Map<String, String> commands) implements AdminCommand {
        @Override
        public String tag() {
            return "SHOW";
        }

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            List<List<String>> rows = new ArrayList<>();
            commands.forEach((syntax, description) -> rows.add(List.of(syntax, description)));
            return CompletableFuture.completedFuture(new ResultSet(tag(), List.of("command", "description"), rows));
        }

        @Override
        public String toString() {
            return "SHOW HELP";
        }
    }

    /**
     * {@code SET name ...}: accepted and ignored, so that clients which set session parameters after login
     * (pgjdbc sets extra_float_digits and application_name) can use the console; it has no settings.
     */
    record Set(String parameter) implements AdminCommand {
        @Override
        public String tag() {
            return "SET";
        }

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            return CompletableFuture.completedFuture(ResultSet.tagOnly(tag()));
        }

        @Override
        public String toString() {
            return "SET " + parameter + " (ignored)";
        }
    }

    /** {@code SUSPEND BRANCH x}, {@code STOP BRANCH x}, {@code ARCHIVE BRANCH x}: answers the state it rests in. */
    record Sleep(BranchState target, String branch) implements AdminCommand {
        public Sleep {
            if (target != BranchState.SUSPENDED && target != BranchState.STOPPED && target != BranchState.ARCHIVED) {
                throw new IllegalArgumentException("no console command sends a branch to " + target);
            }
        }

        @Override
        public String tag() {
            return switch (target) {
                case SUSPENDED -> "SUSPEND BRANCH";
                case STOPPED -> "STOP BRANCH";
                default -> "ARCHIVE BRANCH";
            };
        }

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            return operations.branches().sleep(branch, target).thenApply(state -> ResultSet.row(tag(),
                    List.of("branch", "state"), branch, state.label()));
        }

        @Override
        public String toString() {
            return tag() + " " + branch;
        }
    }

    /** {@code RESUME BRANCH x}: wakes it now and answers what the wake had to do and how long it took. */
    record Resume(String branch) implements AdminCommand {
        @Override
        public String tag() {
            return "RESUME BRANCH";
        }

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            return operations.branches().resume(branch).thenApply(wake -> ResultSet.row(tag(),
                    List.of("branch", "resume", "ms"), branch, wake.kind().label(),
                    Long.toString(wake.took().toMillis())));
        }

        @Override
        public String toString() {
            return tag() + " " + branch;
        }
    }

    /** {@code CREATE BRANCH y [FROM x]}: creates and starts it (a cold wake). */
    record Create(String branch, Optional<String> parent) implements AdminCommand {
        @Override
        public String tag() {
            return "CREATE BRANCH";
        }

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            return operations.branches().create(branch, parent).thenApply(wake -> ResultSet.row(tag(),
                    List.of("branch", "parent", "resume", "ms"), branch,
                    operations.branches().parentOf(branch, parent).orElse(null), wake.kind().label(),
                    Long.toString(wake.took().toMillis())));
        }

        @Override
        public String toString() {
            return tag() + " " + branch + parent.map(name -> " FROM " + name).orElse("");
        }
    }

    /** {@code DROP BRANCH y [FORCE]}: refused (55006) while clients are connected to it, unless FORCE. */
    record Drop(String branch, boolean force) implements AdminCommand {
        @Override
        public String tag() {
            return "DROP BRANCH";
        }

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            return operations.branches().drop(branch, force).thenApply(ignored ->
                    ResultSet.row(tag(), List.of("branch", "state"), branch, "dropped"));
        }

        @Override
        public String toString() {
            return tag() + " " + branch + (force ? " FORCE" : "");
        }
    }
}
