package dev.pgwake.loadtest.oltp;

import java.util.Locale;
import java.util.Map;

/** How statements travel, as pgbench's {@code -M}; each is a pgjdbc setting. */
public enum QueryMode {
    /** Query messages, parameters interpolated by the driver ({@code preferQueryMode=simple}). */
    SIMPLE(Map.of("preferQueryMode", "simple")),
    /** Unnamed Parse/Bind/Execute every time ({@code prepareThreshold=0}). */
    EXTENDED(Map.of("preferQueryMode", "extended", "prepareThreshold", "0")),
    /** Named server-side statements from the first execution ({@code prepareThreshold=1}). */
    PREPARED(Map.of("preferQueryMode", "extended", "prepareThreshold", "1"));

    private final Map<String, String> properties;

    QueryMode(Map<String, String> properties) {
        this.properties = properties;
    }

    /** The pgjdbc connection properties that select this mode. */
    public Map<String, String> properties() {
        return properties;
    }

    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static QueryMode parse(String text) {
        for (QueryMode m : values()) {
            if (m.option().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a query mode (simple, extended, prepared)");
    }
}
