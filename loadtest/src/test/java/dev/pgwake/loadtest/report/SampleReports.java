package dev.pgwake.loadtest.report;

import dev.pgwake.loadtest.stats.IntervalSeries;
import dev.pgwake.loadtest.stats.LatencyRecorder;
import java.time.Instant;
import java.util.List;

/** Reports built from known numbers, for the rendering tests. */
final class SampleReports {
    static final String HOSTILE = "</script><script>alert('x')</script> & \"quoted\"";

    private SampleReports() {
    }

    /**
     * One warmup second, then three measured seconds: 10,000 / 12,000 / 0 (a stall with 5 errors) operations,
     * at 0.5 ms, 0.5 ms, with one 40 ms outlier in the second.
     */
    static RunReport oltp(String label) {
        LatencyRecorder r = new LatencyRecorder();
        IntervalSeries series = new IntervalSeries("transaction", r);
        record(r, 2_000, 900);
        series.sample(0, 1, true);
        record(r, 10_000, 500);
        series.sample(1, 2, false);
        record(r, 11_999, 500);
        r.recordMicros(40_000);
        series.sample(2, 3, false);
        for (int i = 0; i < 5; i++) {
            r.recordError();
        }
        series.sample(3, 4, false);
        return RunReport.builder("oltp").label(label).startedAt(Instant.parse("2025-01-02T03:04:05Z"))
                .measuredSeconds(series.measuredSeconds())
                .setting("url", "jdbc:postgresql://127.0.0.1:6432/postgres?sslmode=disable&password=***")
                .setting("clients", 16)
                .figure("throughput_tps", "Throughput", series.throughput(), "tx/s")
                .figure("errors", "Errors", series.measuredErrors(), "")
                .figure("latency_p99_ms", "p99 latency", 0.5, "ms")
                .figure("bytes_per_connection", "Memory per connection", 1234, "B")
                .latency(LatencySeries.of(series, "one transaction <as seen by the client>"))
                .errors(List.of(new ErrorCount("57P01", 5, "FATAL: terminating connection <admin> " + HOSTILE)))
                .note("note with <b>markup</b>")
                .build();
    }

    private static void record(LatencyRecorder r, int count, long micros) {
        for (int i = 0; i < count; i++) {
            r.recordMicros(micros);
        }
    }
}
