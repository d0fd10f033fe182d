package dev.pgwake.proxy.admin;

import dev.pgwake.proxy.config.ConfigChange;
import dev.pgwake.proxy.config.ConfigRows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The console's statements about pgwake itself: its configuration, reloading it, shutting down. */
sealed interface ServerCommand extends AdminCommand {
    /** {@code SHOW CONFIG}: every key of the configuration in effect, secrets redacted. */
    record ShowConfig() implements ServerCommand {
        @Override
        public String tag() {
            return "SHOW";
        }

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            List<List<String>> rows = new ArrayList<>();
            for (Map.Entry<String, String> entry : ConfigRows.of(operations.server().config()).entrySet()) {
                rows.add(Arrays.asList(entry.getKey(), entry.getValue()));
            }
            return CompletableFuture.completedFuture(new ResultSet(tag(), List.of("key", "value"), rows));
        }

        @Override
        public String toString() {
            return "SHOW CONFIG";
        }
    }

    /** {@code RELOAD}: one row per changed key, with what became of it. */
    record Reload() implements ServerCommand {
        @Override
        public String tag() {
            return "RELOAD";
        }

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            return operations.server().reload().thenApply(changes -> {
                List<List<String>> rows = new ArrayList<>();
                for (ConfigChange change : changes) {
                    rows.add(Arrays.asList(change.key(), change.before(), change.after(), change.status()));
                }
                return new ResultSet(tag(), List.of("key", "old_value", "new_value", "status"), rows);
            });
        }

        @Override
        public String toString() {
            return "RELOAD";
        }
    }

    /** {@code SHUTDOWN}: answers, then the graceful shutdown begins. */
    record Shutdown() implements ServerCommand {
        @Override
        public String tag() {
            return "SHUTDOWN";
        }

        @Override
        public CompletableFuture<ResultSet> run(Operations operations) {
            return CompletableFuture.completedFuture(ResultSet.row(tag(), List.of("status", "shutdown_timeout"),
                    "shutting down", ConfigRows.of(operations.server().config()).get("shutdown_timeout")));
        }

        @Override
        public void answered(Operations operations) {
            operations.server().shutdown();
        }

        @Override
        public String toString() {
            return "SHUTDOWN";
        }
    }
}
