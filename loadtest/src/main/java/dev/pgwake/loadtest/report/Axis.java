package dev.pgwake.loadtest.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart axis: the range it spans (widened to round numbers), linear or logarithmic, and the round values
 * to label along it.
 */
final class Axis {
    private static final int TARGET_TICKS = 6;

    private final double min;
    private final double max;
    private final boolean log;
    private final List<Double> ticks;

    private Axis(double min, double max, boolean log, List<Double> ticks) {
        this.min = min;
        this.max = max;
        this.log = log;
        this.ticks = List.copyOf(ticks);
    }

    /** From {@code dataMin} to {@code dataMax}, both widened to a multiple of a 1-2-5 step. */
    static Axis linear(double dataMin, double dataMax) {
        if (dataMax < dataMin) {
            throw new IllegalArgumentException("max " + dataMax + " below min " + dataMin);
        }
        if (dataMax == dataMin) {
            double pad = dataMin == 0 ? 1 : Math.abs(dataMin) * 0.1;
            dataMin = dataMin == 0 ? 0 : dataMin - pad;
            dataMax = dataMax + pad;
        }
        double step = niceStep((dataMax - dataMin) / TARGET_TICKS);
        double lo = Math.floor(dataMin / step + 1e-9) * step;
        double hi = Math.ceil(dataMax / step - 1e-9) * step;
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; lo + i * step <= hi + step * 1e-9; i++) {
            ticks.add(round(lo + i * step, step));
        }
        return new Axis(lo, hi, false, ticks);
    }

    /** From zero to {@code dataMax} widened (for counts and rates). */
    static Axis linearFromZero(double dataMax) {
        return linear(0, Math.max(dataMax, 0));
    }

    /**
     * From the power of ten at or below {@code dataMin} to the one at or above {@code dataMax}; labels at
     * 1, 2 and 5 times each power of ten, or only the powers when the range spans more than four decades.
     */
    static Axis log(double dataMin, double dataMax) {
        if (dataMin <= 0 || dataMax < dataMin) {
            throw new IllegalArgumentException("a log axis needs 0 < min <= max, not " + dataMin + ".." + dataMax);
        }
        int lowDecade = (int) Math.floor(Math.log10(dataMin) + 1e-9);
        int highDecade = (int) Math.ceil(Math.log10(dataMax) - 1e-9);
        if (highDecade == lowDecade) {
            highDecade++;
        }
        boolean dense = highDecade - lowDecade <= 4;
        List<Double> ticks = new ArrayList<>();
        for (int d = lowDecade; d <= highDecade; d++) {
            double p = Math.pow(10, d);
            ticks.add(p);
            if (dense && d < highDecade) {
                ticks.add(2 * p);
                ticks.add(5 * p);
            }
        }
        return new Axis(Math.pow(10, lowDecade), Math.pow(10, highDecade), true, ticks);
    }

    /** The 1, 2 or 5 times a power of ten nearest above {@code raw}. */
    static double niceStep(double raw) {
        if (raw <= 0 || Double.isNaN(raw) || Double.isInfinite(raw)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double normalized = raw / magnitude;
        double nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static double round(double value, double step) {
        double scale = Math.pow(10, Math.max(0, -Math.floor(Math.log10(step)) + 2));
        return Math.round(value * scale) / scale;
    }

    /** Where {@code value} sits between the ends: 0 at min, 1 at max, clamped. */
    double fraction(double value) {
        double f;
        if (log) {
            double v = Math.max(value, min);
            f = (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        } else {
            f = (value - min) / (max - min);
        }
        return Math.max(0, Math.min(1, f));
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    boolean isLog() {
        return log;
    }

    List<Double> ticks() {
        return ticks;
    }
}
