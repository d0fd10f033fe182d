package dev.pgwake.proxy.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/** How long a client keeps a server connection: for one transaction, or for its whole session. */
public enum PoolMode {
    TRANSACTION, SESSION;

    @JsonCreator
    public static PoolMode parse(String text) {
        for (PoolMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a pool mode (transaction, session)");
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
