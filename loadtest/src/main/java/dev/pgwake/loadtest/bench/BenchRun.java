package dev.pgwake.loadtest.bench;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One run of one workload against one target in one round, as the benchmark script recorded it.
 *
 * @param values measured numbers by metric name ({@link Metric}); a metric the run did not measure is absent
 * @param reason why the run failed; empty for a run that succeeded
 */
public record BenchRun(int round, String workload, int clients, String target, boolean ok,
                       Map<String, Double> values, String report, String reason) {

    public BenchRun {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(target, "target");
        values = Map.copyOf(values);
        report = report == null ? "" : report;
        reason = reason == null ? "" : reason;
    }

    public OptionalDouble value(String metric) {
        Double v = values.get(metric);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** CPU microseconds of the target's process per transaction, when both were measured. */
    public OptionalDouble cpuPerTransaction() {
        OptionalDouble perTx = value(Metric.CPU_US_PER_TX);
        if (perTx.isPresent()) {
            return perTx;
        }
        OptionalDouble cpu = value(Metric.CPU_US);
        OptionalDouble tx = value(Metric.TRANSACTIONS);
        if (cpu.isEmpty() || tx.isEmpty() || tx.getAsDouble() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(cpu.getAsDouble() / tx.getAsDouble());
    }

    /** Metric names: TSV column names and the keys read from loadtest reports. */
    public static final class Metric {
        public static final String TPS = "tps";
        public static final String LATENCY_MS = "latency_ms";
        public static final String P99_MS = "p99_ms";
        public static final String TRANSACTIONS = "transactions";
        public static final String CPU_US = "cpu_us";
        public static final String CPU_US_PER_TX = "cpu_us_per_tx";
        public static final String RSS_BYTES = "rss_bytes";
        public static final String ERRORS = "errors";
        public static final String OPENED = "opened";
        public static final String FAILED = "failed";
        public static final String BYTES_PER_CONNECTION = "bytes_per_connection";
        public static final String TREE_BYTES_PER_CONNECTION = "tree_bytes_per_connection";
        public static final String ANSWERED = "answered";
        public static final String RESUMES = "resumes";
        public static final String P50_MS = "p50_ms";
        public static final String P95_MS = "p95_ms";
        public static final String MAX_MS = "max_ms";

        private Metric() {
        }
    }
}
