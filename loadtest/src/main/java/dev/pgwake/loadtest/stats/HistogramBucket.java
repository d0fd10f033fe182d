package dev.pgwake.loadtest.stats;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** Operations whose latency fell in {@code [lowerMs, upperMs)}. */
public record HistogramBucket(double lowerMs, double upperMs, long count) {

    /**
     * Log-spaced buckets, {@code perDecade} to a power of ten, from the decade step at or below the fastest
     * recorded latency to the first step above the slowest. Every recorded value lands in exactly one
     * bucket (by its highest equivalent value), so the counts add up to the histogram's total.
     */
    public static List<HistogramBucket> logarithmic(Histogram micros, int perDecade) {
        if (perDecade < 1) {
            throw new IllegalArgumentException("perDecade must be at least 1, not " + perDecade);
        }
        List<HistogramBucket> buckets = new ArrayList<>();
        if (micros.getTotalCount() == 0) {
            return buckets;
        }
        double step = 1.0 / perDecade;
        double firstExponent = Math.floor(Math.log10(Math.max(1, micros.getMinValue())) / step) * step;
        double lastValue = Math.max(1, micros.getMaxValue());
        int bucketCount = (int) Math.floor((Math.log10(lastValue) - firstExponent) / step + 1e-9) + 1;
        long[] counts = new long[bucketCount];
        for (HistogramIterationValue value : micros.recordedValues()) {
            double v = Math.max(1, value.getValueIteratedTo());
            int index = (int) Math.floor((Math.log10(v) - firstExponent) / step + 1e-9);
            counts[Math.min(Math.max(index, 0), bucketCount - 1)] += value.getCountAtValueIteratedTo();
        }
        for (int i = 0; i < bucketCount; i++) {
            double lower = Math.pow(10, firstExponent + i * step);
            double upper = Math.pow(10, firstExponent + (i + 1) * step);
            buckets.add(new HistogramBucket(lower / 1000.0, upper / 1000.0, counts[i]));
        }
        return buckets;
    }
}
