package dev.pgwake.proxy.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as written in the configuration: {@code 8192}, {@code 64kB}, {@code 16MB}, {@code 1GB} (powers of 1024, as PostgreSQL). */
final class SizeValue {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)?");

    private SizeValue() {
    }

    static long parse(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a size (use e.g. 8192, 64kB, 16MB, 1GB)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        switch (unit) {
            case "kb": return amount << 10;
            case "mb": return amount << 20;
            case "gb": return amount << 30;
            default: return amount;
        }
    }
}
