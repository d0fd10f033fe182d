package dev.pgwake.loadtest.fleet;

import dev.pgwake.loadtest.branch.ResumeKind;
import dev.pgwake.loadtest.branch.WakeCounts;
import java.util.Optional;

/**
 * What a fleet agent's first query after a silence found: a running branch, an idle one (its server
 * connections had been closed), or one that had to be woken hot, warm or cold; {@code UNCLEAR} when pgwake's
 * counters do not tell (a failed or timed-out wake, more than one wake, no metrics).
 */
enum FirstQueryKind {
    RUNNING("running", "the branch was running: no wake"),
    IDLE("idle", "the branch was idle: no wake, but its server connections had been closed"),
    HOT("hot", "a hot resume (unfreeze)"),
    WARM("warm", "a warm resume (start)"),
    COLD("cold", "a cold resume (restore or create)"),
    UNCLEAR("unclear", "pgwake's counters do not tell (a failed or timed-out wake, several wakes, metrics missing)");

    private final String label;
    private final String meaning;

    FirstQueryKind(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    String label() {
        return label;
    }

    String meaning() {
        return meaning;
    }

    /**
     * From the wakes pgwake counted for the branch around the query ({@code delta}; {@code null} when unknown)
     * and the state it reported just before ({@code stateBefore}).
     */
    static FirstQueryKind classify(WakeCounts delta, String stateBefore) {
        if (delta == null || delta.failed() > 0 || delta.timeouts() > 0 || delta.total() > 1) {
            return UNCLEAR;
        }
        if (delta.total() == 1) {
            String kind = delta.ok().keySet().iterator().next();
            return of(ResumeKind.fromLabel(kind)).orElse(UNCLEAR);
        }
        return switch (stateBefore) {
            case "running" -> RUNNING;
            case "idle" -> IDLE;
            default -> UNCLEAR;
        };
    }

    private static Optional<FirstQueryKind> of(Optional<ResumeKind> kind) {
        return kind.map(k -> switch (k) {
            case HOT -> HOT;
            case WARM -> WARM;
            case COLD -> COLD;
        });
    }
}
