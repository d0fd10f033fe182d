package dev.pgwake.loadtest.stats;

import org.HdrHistogram.Histogram;

/** Percentiles out of a histogram of microseconds, in milliseconds. */
final class Percentiles {
    private Percentiles() {
    }

    /**
     * The latency at or below which {@code percentile} percent of operations completed: HdrHistogram's
     * highest equivalent value, so never an underestimate.
     */
    static double ms(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
