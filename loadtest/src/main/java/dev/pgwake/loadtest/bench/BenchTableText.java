package dev.pgwake.loadtest.bench;

import dev.pgwake.loadtest.bench.BenchRun.Metric;
import dev.pgwake.loadtest.bench.BenchTable.Cell;
import dev.pgwake.loadtest.bench.BenchTable.RatioSpec;
import dev.pgwake.loadtest.bench.BenchTable.Row;
import dev.pgwake.loadtest.report.Formats;
import dev.pgwake.loadtest.report.TextTable;
import dev.pgwake.loadtest.stats.Ratio;
import dev.pgwake.loadtest.stats.Spread;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * A {@link BenchTable} as plain text: one line per workload, client count and target with medians, then
 * the ratios on the subject's line; idle-connection runs in a second table; failures as footnotes.
 */
public final class BenchTableText {
    private BenchTableText() {
    }

    public static String render(BenchTable table, List<RatioSpec> ratios, Map<String, String> descriptions) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Medians over %d round(s); (+-x%%) is half the range of TPS across rounds. "
                + "CPU us/tx: the target process's own CPU time (utime+stime) per transaction. A/B: A's median over B's.%n",
                table.rounds()));
        for (String t : table.targets()) {
            out.append(String.format(Locale.ROOT, "  %-10s %s%n", t, descriptions.getOrDefault(t, "")));
        }
        out.append('\n');
        List<Row> load = table.rows().stream().filter(r -> !r.idle() && !r.storm()).toList();
        List<Row> idle = table.rows().stream().filter(Row::idle).toList();
        List<Row> storm = table.rows().stream().filter(Row::storm).toList();
        if (!load.isEmpty()) {
            out.append(throughput(load, ratios));
        }
        if (!idle.isEmpty()) {
            out.append('\n').append(idle(idle));
        }
        if (!storm.isEmpty()) {
            out.append('\n').append(storm(storm));
        }
        if (!table.footnotes().isEmpty()) {
            out.append("\nFailures:\n");
            for (int i = 0; i < table.footnotes().size(); i++) {
                out.append(String.format(Locale.ROOT, "  [%d] %s%n", i + 1, table.footnotes().get(i)));
            }
        }
        return out.toString();
    }

    private static String throughput(List<Row> rows, List<RatioSpec> ratios) {
        List<String> headers = new ArrayList<>(List.of("workload", "clients", "target", "TPS", "(+-)", "lat avg ms",
                "p99 ms", "errors", "CPU us/tx", "RSS MiB"));
        List<RatioSpec> cpuRatios = ratios.stream().filter(r -> hasCpu(rows, r.baseline())).toList();
        for (RatioSpec r : ratios) {
            headers.add("TPS " + r);
            if (cpuRatios.contains(r)) {
                headers.add("CPU " + r);
            }
        }
        TextTable text = new TextTable(headers, 3);
        for (Row row : rows) {
            boolean first = true;
            for (Cell c : row.cells()) {
                List<String> cells = new ArrayList<>();
                cells.add(first ? row.workload() : "");
                cells.add(first ? Integer.toString(row.clients()) : "");
                cells.add(c.target());
                first = false;
                if (c.allFailed()) {
                    cells.add("FAILED " + refs(c));
                    while (cells.size() < headers.size()) {
                        cells.add("");
                    }
                    text.row(cells);
                    continue;
                }
                Spread tps = c.metrics().get(Metric.TPS);
                cells.add((tps == null ? "-" : Formats.rate(tps.median())) + (c.failed() > 0 ? " " + c.failed() + "/" + c.runs()
                        + " failed " + refs(c) : ""));
                cells.add(tps == null || tps.n() < 2 ? "" : String.format(Locale.ROOT, "(+-%.0f%%)", 100 * tps.relativeHalfRange()));
                cells.add(ms(c.median(Metric.LATENCY_MS)));
                cells.add(ms(c.median(Metric.P99_MS)));
                cells.add(plain(c.median(Metric.ERRORS)));
                cells.add(oneDecimal(c.median(Metric.CPU_US_PER_TX)));
                cells.add(mib(c.median(Metric.RSS_BYTES)));
                for (RatioSpec r : ratios) {
                    boolean subject = c.target().equals(r.subject());
                    cells.add(subject ? Ratio.format(BenchTable.ratio(row, r, Metric.TPS)) : "");
                    if (cpuRatios.contains(r)) {
                        cells.add(subject ? Ratio.format(BenchTable.ratio(row, r, Metric.CPU_US_PER_TX)) : "");
                    }
                }
                text.row(cells);
            }
        }
        return text.render();
    }

    /** Whether any row measured {@code target}'s CPU (a proxy does; direct PostgreSQL is many processes). */
    private static boolean hasCpu(List<Row> rows, String target) {
        return rows.stream().anyMatch(r -> r.cell(target).map(c -> c.median(Metric.CPU_US_PER_TX).isPresent()).orElse(false));
    }

    private static String idle(List<Row> rows) {
        TextTable text = new TextTable(List.of("idle connections", "clients", "target", "opened", "failed",
                "RSS after MiB", "bytes/conn", "with children B/conn"), 3);
        for (Row row : rows) {
            boolean first = true;
            for (Cell c : row.cells()) {
                text.row(c.allFailed()
                        ? List.of(first ? row.workload() : "", first ? Integer.toString(row.clients()) : "", c.target(),
                                "FAILED " + refs(c), "", "", "", "")
                        : List.of(first ? row.workload() : "", first ? Integer.toString(row.clients()) : "", c.target(),
                                plain(c.median(Metric.OPENED)), plain(c.median(Metric.FAILED)), mib(c.median(Metric.RSS_BYTES)),
                                plain(c.median(Metric.BYTES_PER_CONNECTION)), plain(c.median(Metric.TREE_BYTES_PER_CONNECTION))));
                first = false;
            }
        }
        return text.render() + "(with children: PSS of the process and its child processes, e.g. PostgreSQL's backends)\n";
    }

    private static String storm(List<Row> rows) {
        TextTable text = new TextTable(List.of("storm", "clients", "target", "answered", "errors", "resumes", "p50 ms",
                "p95 ms", "p99 ms", "max ms"), 3);
        for (Row row : rows) {
            boolean first = true;
            for (Cell c : row.cells()) {
                List<String> cells = new ArrayList<>(List.of(first ? row.workload() : "",
                        first ? Integer.toString(row.clients()) : "", c.target()));
                if (c.allFailed()) {
                    cells.addAll(List.of("FAILED " + refs(c), "", "", "", "", "", ""));
                } else {
                    cells.addAll(List.of(plain(c.median(Metric.ANSWERED)), plain(c.median(Metric.ERRORS)),
                            plain(c.median(Metric.RESUMES)), ms(c.median(Metric.P50_MS)), ms(c.median(Metric.P95_MS)),
                            ms(c.median(Metric.P99_MS)), ms(c.median(Metric.MAX_MS))));
                }
                text.row(cells);
                first = false;
            }
        }
        return text.render() + "(storm: connect-to-first-row of every client released at once on a sleeping branch; "
                + "resumes counted by pgwake, one is right)\n";
    }

    private static String refs(Cell c) {
        return c.footnotes().stream().map(n -> "[" + n + "]").collect(Collectors.joining());
    }

    private static String ms(OptionalDouble v) {
        return v.isPresent() ? Formats.ms(v.getAsDouble()) : "-";
    }

    private static String plain(OptionalDouble v) {
        return v.isPresent() ? Formats.plain(Math.rint(v.getAsDouble())) : "-";
    }

    private static String oneDecimal(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.1f", v.getAsDouble()) : "-";
    }

    private static String mib(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.1f", v.getAsDouble() / (1 << 20)) : "-";
    }
}
