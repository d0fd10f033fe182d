package dev.pgwake.proxy.config;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Locale;

/** How pgwake answers SSLRequest: {@code off} ('N'), {@code allow} ('S', plaintext also accepted), {@code require}. */
public enum TlsMode {
    OFF, ALLOW, REQUIRE;

    @JsonCreator
    public static TlsMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a TLS mode (off, allow, require)");
        }
    }
}
