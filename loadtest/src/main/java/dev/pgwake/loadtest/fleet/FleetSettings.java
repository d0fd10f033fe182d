package dev.pgwake.loadtest.fleet;

import dev.pgwake.loadtest.branch.AdminConsole;
import dev.pgwake.loadtest.branch.MetricsEndpoint;
import dev.pgwake.loadtest.scenario.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the fleet does: {@code branches} branches named {@code prefix-1} ... (created from {@code parent} when
 * missing), each with one agent that sends a burst of {@code burst} queries, then stays silent for a random
 * time (exponential, mean {@code silenceMean}), for {@code duration}. Agents keep their connection through the
 * silence or open one per burst ({@code connection}). The console at {@code admin} creates (and with
 * {@code dropCreated} drops) branches; pgwake's {@code metrics} are scraped every {@code poll}.
 */
public record FleetSettings(String prefix, int branches, String parent, int burst, Duration silenceMean,
                            Duration duration, Connection connection, Target admin, MetricsEndpoint metrics,
                            boolean dropCreated, Duration poll, long seed) {

    /** How an agent holds its connection. */
    public enum Connection {
        /** One connection per agent, held through the silences (an application's pool). */
        HOLD,
        /** A new connection for each burst, closed after it (a script, a serverless function). */
        PER_BURST;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Connection parse(String text) {
            for (Connection c : values()) {
                if (c.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not a connection mode (hold, per-burst)");
        }
    }

    public FleetSettings {
        AdminConsole.checkBranchName(prefix + "-" + branches);
        AdminConsole.checkBranchName(parent);
        if (branches < 1 || burst < 1) {
            throw new IllegalArgumentException("branches and burst must be at least 1, not " + branches + " and " + burst);
        }
        positive(silenceMean, "silence mean");
        positive(duration, "duration");
        positive(poll, "poll interval");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(metrics, "metrics");
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + d);
        }
    }

    /** {@code prefix-1} ... {@code prefix-B}. */
    public List<String> branchNames() {
        List<String> names = new ArrayList<>(branches);
        for (int i = 1; i <= branches; i++) {
            names.add(prefix + "-" + i);
        }
        return names;
    }
}
