package dev.pgwake.loadtest.stats;

import java.util.Arrays;

/**
 * Repeated measurements of one thing (rounds of a benchmark): their median and range. The median, not the
 * mean, so that one disturbed round does not move the figure.
 */
public record Spread(int n, double median, double min, double max) {

    public static Spread of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (double v : sorted) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("NaN among " + Arrays.toString(values));
            }
        }
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(n, median, sorted[0], sorted[n - 1]);
    }

    /** Half the range relative to the median (0.05 for +-5%); 0 for a single value or a zero median. */
    public double relativeHalfRange() {
        return median == 0 ? 0 : (max - min) / 2 / Math.abs(median);
    }
}
