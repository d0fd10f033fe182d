package dev.pgwake.loadtest.stats;

import org.HdrHistogram.Histogram;

/**
 * A whole distribution in a few numbers (milliseconds): every field but {@code count} is {@code null} when
 * nothing was recorded.
 */
public record LatencySummary(long count, Double minMs, Double meanMs, Double stddevMs, Double p50Ms,
                             Double p90Ms, Double p95Ms, Double p99Ms, Double p999Ms, Double p9999Ms,
                             Double maxMs) {

    public static LatencySummary of(Histogram micros) {
        long count = micros.getTotalCount();
        if (count == 0) {
            return new LatencySummary(0, null, null, null, null, null, null, null, null, null, null);
        }
        return new LatencySummary(count, micros.getMinValue() / 1000.0, micros.getMean() / 1000.0,
                micros.getStdDeviation() / 1000.0, Percentiles.ms(micros, 50), Percentiles.ms(micros, 90),
                Percentiles.ms(micros, 95), Percentiles.ms(micros, 99), Percentiles.ms(micros, 99.9),
                Percentiles.ms(micros, 99.99), micros.getMaxValue() / 1000.0);
    }
}
