package dev.pgwake.proxy.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in the configuration: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, {@code 0} or {@code off}. */
final class DurationValue {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private DurationValue() {
    }

    static Duration parse(String text) {
        String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (value.equals("off") || value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration (use e.g. 250ms, 30s, 5m, 1h, 2d, or off)");
        }
        long amount = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms": return Duration.ofMillis(amount);
            case "s": return Duration.ofSeconds(amount);
            case "m": return Duration.ofMinutes(amount);
            case "h": return Duration.ofHours(amount);
            default: return Duration.ofDays(amount);
        }
    }
}
