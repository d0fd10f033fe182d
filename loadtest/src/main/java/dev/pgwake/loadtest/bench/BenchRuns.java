package dev.pgwake.loadtest.bench;

import dev.pgwake.loadtest.report.Figure;
import dev.pgwake.loadtest.report.JsonReport;
import dev.pgwake.loadtest.report.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the benchmark script's record of runs: tab-separated, a header line naming the columns, lines
 * starting with {@code #} ignored. Required columns: {@code round workload clients target status}
 * ({@code ok} or {@code failed}); optional: {@code reason}, {@code report} (a loadtest JSON report whose
 * figures fill in what the line leaves out) and any {@link BenchRun.Metric} name. {@code -} or empty is
 * "not measured".
 */
public final class BenchRuns {
    private static final List<String> REQUIRED = List.of("round", "workload", "clients", "target", "status");
    /** loadtest report figure keys and the metric each one gives. */
    private static final Map<String, String> FIGURES = Map.ofEntries(
            Map.entry("rss_after_bytes", BenchRun.Metric.RSS_BYTES),
            Map.entry("throughput_tps", BenchRun.Metric.TPS),
            Map.entry("latency_avg_ms", BenchRun.Metric.LATENCY_MS),
            Map.entry("latency_p99_ms", BenchRun.Metric.P99_MS),
            Map.entry("transactions", BenchRun.Metric.TRANSACTIONS),
            Map.entry("errors", BenchRun.Metric.ERRORS),
            Map.entry("process_cpu_us_per_tx", BenchRun.Metric.CPU_US_PER_TX),
            Map.entry("process_rss_bytes", BenchRun.Metric.RSS_BYTES),
            Map.entry("opened", BenchRun.Metric.OPENED),
            Map.entry("failed", BenchRun.Metric.FAILED),
            Map.entry("bytes_per_connection", BenchRun.Metric.BYTES_PER_CONNECTION),
            Map.entry("tree_bytes_per_connection", BenchRun.Metric.TREE_BYTES_PER_CONNECTION),
            Map.entry("answered", BenchRun.Metric.ANSWERED),
            Map.entry("resumes", BenchRun.Metric.RESUMES),
            Map.entry("first_row_p50_ms", BenchRun.Metric.P50_MS),
            Map.entry("first_row_p95_ms", BenchRun.Metric.P95_MS),
            Map.entry("first_row_max_ms", BenchRun.Metric.MAX_MS));

    private BenchRuns() {
    }

    /** Parses the lines; {@code reports} resolves report paths relative to the TSV file. */
    public static List<BenchRun> parse(List<String> lines, Path reportsDir) {
        List<BenchRun> runs = new ArrayList<>();
        List<String> header = null;
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (header == null) {
                header = List.of(cells);
                for (String required : REQUIRED) {
                    if (!header.contains(required)) {
                        throw new IllegalArgumentException("the header line has no '" + required + "' column: " + line);
                    }
                }
                continue;
            }
            runs.add(row(header, cells, lineNo, reportsDir));
        }
        return runs;
    }

    private static BenchRun row(List<String> header, String[] cells, int lineNo, Path reportsDir) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("line " + lineNo + " has " + cells.length + " fields, the header "
                    + header.size());
        }
        Map<String, String> raw = new HashMap<>();
        for (int i = 0; i < cells.length; i++) {
            raw.put(header.get(i), cells[i].strip());
        }
        String status = raw.get("status");
        if (!status.equals("ok") && !status.equals("failed")) {
            throw new IllegalArgumentException("line " + lineNo + ": status must be ok or failed, not '" + status + "'");
        }
        Map<String, Double> values = new HashMap<>();
        String report = raw.getOrDefault("report", "");
        if (!absent(report)) {
            values.putAll(fromReport(new JsonReport().read(reportsDir.resolve(report))));
        }
        for (Map.Entry<String, String> e : raw.entrySet()) {
            if (!REQUIRED.contains(e.getKey()) && !e.getKey().equals("reason") && !e.getKey().equals("report")
                    && !absent(e.getValue())) {
                values.put(e.getKey(), number(e.getValue(), e.getKey(), lineNo));
            }
        }
        return new BenchRun((int) number(raw.get("round"), "round", lineNo), raw.get("workload"),
                (int) number(raw.get("clients"), "clients", lineNo), raw.get("target"), status.equals("ok"), values,
                absent(report) ? "" : report, raw.getOrDefault("reason", ""));
    }

    /** The metrics a loadtest report gives. */
    static Map<String, Double> fromReport(RunReport report) {
        Map<String, Double> values = new HashMap<>();
        for (Figure f : report.figures()) {
            String metric = FIGURES.get(f.key());
            if (metric != null) {
                values.put(metric, f.value());
            }
        }
        return values;
    }

    private static boolean absent(String cell) {
        return cell == null || cell.isEmpty() || cell.equals("-");
    }

    private static double number(String cell, String column, int lineNo) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("line " + lineNo + ": " + column + " is not a number: '" + cell + "'");
        }
    }
}
