package dev.pgwake.proxy.tls;

import dev.pgwake.proxy.config.TlsConfig;
import dev.pgwake.proxy.config.TlsMode;
import io.netty.handler.ssl.SslContext;

import java.util.Objects;
import java.util.Optional;

/**
 * The TLS that clients are offered: the section it was made from and its context (empty when {@code tls.mode} is
 * off). A connection takes the one in effect when it arrives and keeps it; a reload makes a new one for later clients.
 */
public record ClientTls(TlsConfig config, Optional<SslContext> context) {

    public ClientTls {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(context, "context");
    }

    /** Reads the certificate and key files (or makes a self-signed certificate); throws when they do not load. */
    public static ClientTls of(TlsConfig config) {
        return new ClientTls(config, TlsContexts.forServer(config));
    }

    /**
     * The TLS for {@code next}: the files read again (a renewed certificate under the same name is taken up), but a
     * self-signed certificate kept while the section asks for one again, so clients that pinned it keep working.
     */
    public ClientTls next(TlsConfig next) {
        if (next.certFile() == null && config.certFile() == null && context.isPresent() && next.mode() != TlsMode.OFF) {
            return new ClientTls(next, context);
        }
        return of(next);
    }

    public TlsMode mode() {
        return config.mode();
    }
}
