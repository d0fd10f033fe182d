package dev.pgwake.loadtest.storm;

import dev.pgwake.loadtest.branch.AdminConsole;
import dev.pgwake.loadtest.branch.MetricsEndpoint;
import dev.pgwake.loadtest.branch.ResumeKind;
import dev.pgwake.loadtest.scenario.Target;
import java.time.Duration;
import java.util.Objects;

/**
 * What the storm does: {@code clients} connect at once to {@code branch}, which was first put to sleep so that
 * a {@code kind} resume wakes it; {@code threads} of them are in flight at a time (a fixed pool); the whole
 * storm may take {@code timeout}; progress is sampled every {@code interval}. The branch is put to sleep through
 * the console at {@code admin}; resumes are counted from {@code metrics}.
 */
public record StormSettings(String branch, int clients, int threads, ResumeKind kind, Target admin,
                            MetricsEndpoint metrics, Duration timeout, Duration interval) {

    public StormSettings {
        AdminConsole.checkBranchName(branch);
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1, not " + clients);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(metrics, "metrics");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        if (interval.toMillis() < 10) {
            throw new IllegalArgumentException("interval must be at least 10ms, not " + interval);
        }
    }

    /** Clients in flight at once: the pool's threads, or fewer when there are fewer clients. */
    public int inFlight() {
        return Math.min(clients, threads);
    }
}
