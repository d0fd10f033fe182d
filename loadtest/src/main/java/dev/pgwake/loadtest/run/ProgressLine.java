package dev.pgwake.loadtest.run;

import dev.pgwake.loadtest.report.Formats;
import dev.pgwake.loadtest.stats.IntervalSample;
import java.util.Locale;

/** The line printed once per interval while a scenario runs. */
public final class ProgressLine {
    private ProgressLine() {
    }

    /** e.g. {@code oltp  [  12.0s] measured  tps 10,234  p50 0.521 ms  p99 2.10 ms  errors 0}. */
    public static String format(String scenario, IntervalSample s) {
        return String.format(Locale.ROOT, "%s [%6.1fs] %-8s  tps %s  p50 %s ms  p99 %s ms  errors %s",
                scenario, s.endSeconds(), s.warmup() ? "warmup" : "measured", Formats.rate(s.throughput()),
                Formats.ms(s.p50Ms()), Formats.ms(s.p99Ms()), Formats.count(s.errors()));
    }
}
