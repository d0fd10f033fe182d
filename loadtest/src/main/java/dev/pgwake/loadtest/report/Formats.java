package dev.pgwake.loadtest.report;

import java.util.Locale;

/** Numbers as the report shows them: latencies to about three significant digits, counts with separators. */
public final class Formats {
    private Formats() {
    }

    /** Milliseconds: {@code 0.521}, {@code 2.10}, {@code 12.3}, {@code 1,234}; {@code -} for no data. */
    public static String ms(Double ms) {
        if (ms == null || ms.isNaN()) {
            return "-";
        }
        double a = Math.abs(ms);
        String pattern = a < 1 ? "%.3f" : a < 10 ? "%.2f" : a < 100 ? "%.1f" : "%,.0f";
        return String.format(Locale.ROOT, pattern, ms);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Operations per second: {@code 12,345} or {@code 3.5}. */
    public static String rate(double perSecond) {
        boolean whole = perSecond >= 100 || perSecond == Math.rint(perSecond);
        return String.format(Locale.ROOT, whole ? "%,.0f" : "%.1f", perSecond);
    }

    /** {@code 980 B}, {@code 1.5 KiB}, {@code 12.3 MiB}, {@code 2.00 GiB}. */
    public static String bytes(double bytes) {
        double a = Math.abs(bytes);
        if (a < 1024) {
            return String.format(Locale.ROOT, "%.0f B", bytes);
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes / 1024;
        int u = 0;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f %s" : Math.abs(v) < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /** A figure's value in its unit's style, with the unit. */
    public static String figure(Figure f) {
        return switch (f.unit()) {
            case "ms" -> ms(f.value()) + " ms";
            case "B" -> bytes(f.value());
            case "tx/s", "/s", "conn/s" -> rate(f.value()) + " " + f.unit();
            case "" -> plain(f.value());
            default -> plain(f.value()) + " " + f.unit();
        };
    }

    /** Whole numbers with separators, others to two decimals (three significant digits below 1). */
    public static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return count((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) < 1 ? "%.3f" : Math.abs(value) < 100 ? "%.2f" : "%,.1f", value);
    }

    /** Seconds with one decimal, for time axes and durations: {@code 30.0 s}. */
    public static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
