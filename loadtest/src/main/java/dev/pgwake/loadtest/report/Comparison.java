package dev.pgwake.loadtest.report;

import java.util.List;
import java.util.Objects;

/**
 * Latencies of several operations measured two ways in one run, side by side: {@code subjectName} (e.g.
 * {@code pgwake}) against {@code baselineName} (e.g. {@code bare}), one {@link ComparisonRow} per operation,
 * whose kind {@code rowHeading} names (e.g. {@code kind}). Rendered as a table and charts in HTML and as a
 * text table on the command line ({@link ComparisonText}).
 */
public record Comparison(String title, String description, String rowHeading, String subjectName,
                         String baselineName, List<ComparisonRow> rows) {

    public Comparison {
        Objects.requireNonNull(title, "title");
        description = description == null ? "" : description;
        rowHeading = rowHeading == null ? "operation" : rowHeading;
        Objects.requireNonNull(subjectName, "subjectName");
        Objects.requireNonNull(baselineName, "baselineName");
        rows = List.copyOf(rows == null ? List.of() : rows);
    }

    /** Whether any row has a baseline. */
    public boolean hasBaseline() {
        return rows.stream().anyMatch(r -> r.baseline() != null);
    }
}
