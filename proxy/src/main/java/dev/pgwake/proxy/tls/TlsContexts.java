package dev.pgwake.proxy.tls;

import dev.pgwake.proxy.config.TlsConfig;
import dev.pgwake.proxy.config.TlsMode;
import dev.pgwake.proxy.protocol.Wire;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.security.cert.CertificateException;
import java.util.Optional;

/** Builds the server-side TLS context: the configured PEM certificate and key, or a self-signed one made at start. */
public final class TlsContexts {
    private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {
    }

    /** Empty when TLS is off. */
    public static Optional<SslContext> forServer(TlsConfig config) {
        if (config.mode() == TlsMode.OFF) {
            return Optional.empty();
        }
        try {
            SslContextBuilder builder;
            if (config.certFile() != null) {
                builder = SslContextBuilder.forServer(config.certFile().toFile(), config.keyFile().toFile());
            } else {
                SelfSignedCertificate self = new SelfSignedCertificate("pgwake", "EC", 256);
                log.info("tls: no tls.cert_file configured, using a self-signed certificate made at start (sha256 {})",
                        fingerprint(self));
                builder = SslContextBuilder.forServer(self.key(), self.cert());
            }
            return Optional.of(builder.clientAuth(ClientAuth.NONE)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, Wire.ALPN_POSTGRESQL))
                    .build());
        } catch (SSLException | CertificateException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static String fingerprint(SelfSignedCertificate certificate) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.cert().getEncoded());
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            return "unknown";
        }
    }
}
