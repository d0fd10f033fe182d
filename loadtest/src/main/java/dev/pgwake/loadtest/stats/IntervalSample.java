package dev.pgwake.loadtest.stats;

import org.HdrHistogram.Histogram;

/**
 * What happened in one interval of a run: operations completed, errors, throughput and latency
 * percentiles (milliseconds; {@code null} when nothing completed in the interval). Times are seconds since
 * the run started (warmup included); {@code warmup} intervals are shown but not counted in the totals.
 */
public record IntervalSample(double startSeconds, double endSeconds, boolean warmup, long count, long errors,
                             double throughput, Double meanMs, Double p50Ms, Double p90Ms, Double p99Ms,
                             Double p999Ms, Double maxMs) {

    /** Summarises {@code micros} (a histogram of microsecond latencies) over {@code [start, end)} seconds. */
    public static IntervalSample of(Histogram micros, long errors, double startSeconds, double endSeconds,
                                    boolean warmup) {
        if (endSeconds < startSeconds) {
            throw new IllegalArgumentException("interval ends (" + endSeconds + ") before it starts (" + startSeconds + ")");
        }
        long count = micros.getTotalCount();
        double length = endSeconds - startSeconds;
        double throughput = length > 0 ? count / length : 0;
        if (count == 0) {
            return new IntervalSample(startSeconds, endSeconds, warmup, 0, errors, throughput,
                    null, null, null, null, null, null);
        }
        return new IntervalSample(startSeconds, endSeconds, warmup, count, errors, throughput,
                micros.getMean() / 1000.0,
                Percentiles.ms(micros, 50), Percentiles.ms(micros, 90), Percentiles.ms(micros, 99),
                Percentiles.ms(micros, 99.9), micros.getMaxValue() / 1000.0);
    }

    public double lengthSeconds() {
        return endSeconds - startSeconds;
    }
}
