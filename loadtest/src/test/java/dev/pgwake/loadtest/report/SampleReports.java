package dev.pgwake.loadtest.report;

import dev.pgwake.loadtest.stats.IntervalSeries;
import dev.pgwake.loadtest.stats.LatencyRecorder;
import dev.pgwake.loadtest.stats.RepeatedLatencies;
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

    /**
     * A wake run: hot through pgwake 14/15/16/40 ms against bare 10/11/12/20 ms; warm 50, (failed), 52, 60
     * against 40, 41, 42, 44; cold {@code kind} (a hostile name) with no baseline measured.
     */
    static RunReport wake(String label, String coldName) {
        List<ComparisonRow> rows = List.of(
                ComparisonRow.of("hot", repetitions(14_000L, 15_000L, 16_000L, 40_000L),
                        repetitions(10_000L, 11_000L, 12_000L, 20_000L)),
                ComparisonRow.of("warm", repetitions(50_000L, null, 52_000L, 60_000L),
                        repetitions(40_000L, 41_000L, 42_000L, 44_000L)),
                ComparisonRow.of(coldName, repetitions(130_000L, 140_000L), null));
        return RunReport.builder("wake").label(label).startedAt(Instant.parse("2025-01-02T03:04:05Z"))
                .measuredSeconds(12.5)
                .setting("url", "jdbc:postgresql://127.0.0.1:6432/postgres?sslmode=disable")
                .figure("hot_p50_ms", "hot wake p50 through pgwake", 15, "ms")
                .figure("errors", "Errors", 1, "")
                .comparison(new Comparison("Connect-to-first-row by resume kind", "description <i>here</i>", "kind",
                        "pgwake", "bare", rows))
                .errors(List.of(new ErrorCount("pgwake warm connect 57P03", 1, "cannot wake")))
                .build();
    }

    /**
     * A fleet-like run: two timelines over three seconds, one of them with a gap and a hostile line name, and a
     * comparison without a baseline.
     */
    static RunReport fleet(String lineName) {
        List<Double> at = List.of(1.0, 2.0, 3.0);
        Timeline states = new Timeline("Fleet branches by state", "states <b>per</b> second", "branches", at, List.of(
                new Timeline.Line("running", List.of(3.0, 1.0, 2.0)), new Timeline.Line("suspended", List.of(0.0, 2.0, 1.0))));
        Timeline wakes = new Timeline("Fleet wakes per interval", "", "wakes", at, List.of(
                new Timeline.Line(lineName, java.util.Arrays.asList(0.0, null, 1.0))));
        return RunReport.builder("fleet").label("fleet").startedAt(Instant.parse("2025-01-02T03:04:05Z"))
                .measuredSeconds(3)
                .figure("saved_pct", "Compute saved against always-on", 40.5, "%")
                .comparison(new Comparison("First query after silence", "", "found", "pgwake", "-", List.of(
                        ComparisonRow.of("hot", repetitions(20_000L, 22_000L), null))))
                .timeline(states)
                .timeline(wakes)
                .build();
    }

    /** Microsecond latencies in order; {@code null} is a failed repetition. */
    static Repetitions repetitions(Long... micros) {
        RepeatedLatencies r = new RepeatedLatencies();
        for (Long us : micros) {
            if (us == null) {
                r.recordError();
            } else {
                r.recordNanos(us * 1000);
            }
        }
        return Repetitions.of(r);
    }

    private static void record(LatencyRecorder r, int count, long micros) {
        for (int i = 0; i < count; i++) {
            r.recordMicros(micros);
        }
    }
}
