package dev.pgwake.loadtest.stats;

import java.util.Locale;
import java.util.OptionalDouble;

/** {@code numerator / denominator} between two measurements, e.g. pgwake's throughput over PgBouncer's. */
public final class Ratio {
    private Ratio() {
    }

    /** Empty when either side is missing (NaN), infinite or negative, or the denominator is zero. */
    public static OptionalDouble of(double numerator, double denominator) {
        if (!usable(numerator) || !usable(denominator) || denominator == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(numerator / denominator);
    }

    /** {@code 1.23x}, or {@code -} when there is no ratio. */
    public static String format(OptionalDouble ratio) {
        return ratio.isPresent() ? String.format(Locale.ROOT, "%.2fx", ratio.getAsDouble()) : "-";
    }

    private static boolean usable(double value) {
        return !Double.isNaN(value) && !Double.isInfinite(value) && value >= 0;
    }
}
