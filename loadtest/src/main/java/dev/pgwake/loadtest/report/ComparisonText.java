package dev.pgwake.loadtest.report;

import dev.pgwake.loadtest.stats.LatencySummary;
import dev.pgwake.loadtest.stats.Overhead;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Comparison} as a text table for the terminal: per row one line for the subject, one for the
 * baseline and one for the overhead (difference and ratio at p50 and p95), latencies in milliseconds.
 */
public final class ComparisonText {
    private ComparisonText() {
    }

    public static String render(Comparison c) {
        List<String> headers = List.of(c.rowHeading(), "via", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors");
        TextTable table = new TextTable(headers, 2);
        for (ComparisonRow row : c.rows()) {
            table.row(sideCells(row.name(), c.subjectName(), row.subject()));
            if (row.baseline() != null) {
                table.row(sideCells(row.name(), c.baselineName(), row.baseline()));
                table.row(overheadCells(row.name(), row.overhead()));
            }
        }
        StringBuilder out = new StringBuilder(c.title()).append(" (milliseconds");
        if (c.hasBaseline()) {
            out.append("; overhead = ").append(c.subjectName()).append(" - ").append(c.baselineName()).append(", (ratio) = ")
                    .append(c.subjectName()).append(" / ").append(c.baselineName());
        }
        return out.append(")\n").append(table.render()).toString();
    }

    private static List<String> sideCells(String name, String side, Repetitions r) {
        LatencySummary s = r.summary();
        return List.of(name, side, Formats.count(s.count()), Formats.ms(s.p50Ms()), Formats.ms(s.p95Ms()),
                Formats.ms(s.p99Ms()), Formats.ms(s.maxMs()), Formats.count(r.errors()));
    }

    private static List<String> overheadCells(String name, Overhead o) {
        List<String> cells = new ArrayList<>(List.of(name, "overhead", ""));
        cells.add(signedWithRatio(o.p50Ms(), o.p50Ratio()));
        cells.add(signedWithRatio(o.p95Ms(), o.p95Ratio()));
        cells.addAll(List.of("", "", ""));
        return cells;
    }

    /** {@code +2.30 (1.19x)}, {@code -0.410 (0.97x)}, or {@code -} when there is no difference to show. */
    static String signedWithRatio(Double differenceMs, Double ratio) {
        if (differenceMs == null) {
            return "-";
        }
        String d = signed(differenceMs);
        return ratio == null ? d : d + String.format(Locale.ROOT, " (%.2fx)", ratio);
    }

    /** A latency difference with its sign: {@code +2.30}, {@code -0.410}, {@code +0.000}. */
    public static String signed(Double ms) {
        if (ms == null || ms.isNaN()) {
            return "-";
        }
        return (ms >= 0 ? "+" : "") + Formats.ms(ms);
    }
}
