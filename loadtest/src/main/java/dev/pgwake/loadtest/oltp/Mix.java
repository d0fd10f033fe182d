package dev.pgwake.loadtest.oltp;

import java.util.Locale;

/** Which transactions the clients run. */
public enum Mix {
    /** pgbench {@code -S}: {@code SELECT abalance FROM pgbench_accounts WHERE aid = ?}. */
    READ_ONLY,
    /** pgbench's TPC-B-like default script. */
    READ_WRITE;

    public String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Mix parse(String text) {
        for (Mix m : values()) {
            if (m.option().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a mix (read-only, read-write)");
    }
}
