package dev.pgwake.loadtest.report;

import dev.pgwake.loadtest.stats.Overhead;
import java.util.Objects;

/**
 * One operation measured two ways in the same run, e.g. a hot wake through pgwake ({@code subject}) and
 * the bare SIGCONT it stands on ({@code baseline}). Without a baseline (not measured) {@code baseline} and
 * {@code overhead} are {@code null}.
 */
public record ComparisonRow(String name, Repetitions subject, Repetitions baseline, Overhead overhead) {

    public ComparisonRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
    }

    /** A row whose overhead is computed from the two summaries; {@code baseline} may be {@code null}. */
    public static ComparisonRow of(String name, Repetitions subject, Repetitions baseline) {
        return new ComparisonRow(name, subject, baseline,
                baseline == null ? null : Overhead.of(subject.summary(), baseline.summary()));
    }
}
