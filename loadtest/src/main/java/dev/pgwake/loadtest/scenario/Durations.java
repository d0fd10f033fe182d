package dev.pgwake.loadtest.scenario;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them on a command line: {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1m30s}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {
    }

    /** Parses {@code 30s}, {@code 1m30s}, {@code 250ms}, {@code 1.5s}; a bare number is seconds. */
    public static Duration parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.matches("\\d+(\\.\\d+)?")) {
            return ofSeconds(Double.parseDouble(s), text);
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < s.length() && m.find(at) && m.start() == at) {
            double amount = Double.parseDouble(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofNanos(Math.round(amount * 1e6));
                case "s" -> ofSeconds(amount, text);
                case "m" -> ofSeconds(amount * 60, text);
                default -> ofSeconds(amount * 3600, text);
            });
            at = m.end();
        }
        if (s.isEmpty() || at != s.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 30s, 500ms, 2m, 1h, 1m30s)");
        }
        return total;
    }

    private static Duration ofSeconds(double seconds, String text) {
        if (seconds > 365L * 24 * 3600) {
            throw new IllegalArgumentException("'" + text + "' is longer than a year");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** {@code 30s}, {@code 1.5s}, {@code 250ms}, {@code 2m}, {@code 1m30s}. */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 60_000 == 0) {
            return millis % 3_600_000 == 0 ? millis / 3_600_000 + "h" : millis / 60_000 + "m";
        }
        if (millis > 60_000) {
            return millis / 60_000 + "m" + format(Duration.ofMillis(millis % 60_000));
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.3fs", millis / 1000.0).replaceAll("0+s$", "s");
    }
}
