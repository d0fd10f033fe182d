package dev.pgwake.proxy.config;

import java.nio.file.Path;

/** {@code tls:} certificate and key files (PEM); without them a self-signed certificate is made at start. */
public record TlsConfig(TlsMode mode, Path certFile, Path keyFile) {
    public TlsConfig {
        mode = mode == null ? TlsMode.ALLOW : mode;
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("tls.cert_file and tls.key_file must be given together");
        }
    }

    static TlsConfig defaults() {
        return new TlsConfig(null, null, null);
    }
}
