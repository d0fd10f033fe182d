package dev.pgwake.proxy.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * {@code server.tls_mode}: whether pgwake asks a server for TLS, as libpq's {@code sslmode} and PgBouncer's
 * {@code server_tls_sslmode} say it: {@code disable} (never), {@code prefer} (TLS if the server agrees, else
 * plaintext), {@code require} (TLS or no connection; the certificate is not checked), {@code verify-ca} (the
 * certificate must chain to a trusted CA) and {@code verify-full} (and name the server's host).
 */
public enum ServerTlsMode {
    DISABLE, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

    @JsonCreator
    public static ServerTlsMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a server TLS mode "
                    + "(disable, prefer, require, verify-ca, verify-full)");
        }
    }

    /** As written in the configuration. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when a server that refuses TLS cannot be used. */
    public boolean required() {
        return this != DISABLE && this != PREFER;
    }

    /** True when the server's certificate is checked. */
    public boolean verifies() {
        return this == VERIFY_CA || this == VERIFY_FULL;
    }

    @Override
    public String toString() {
        return label();
    }
}
