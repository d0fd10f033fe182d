package dev.pgwake.proxy.backend;

import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.proxy.config.ServerConfig;
import dev.pgwake.proxy.config.ServerTlsMode;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The TLS pgwake asks servers for ({@code server.tls_mode}), with the client-side context made once: under
 * {@code prefer} and {@code require} any certificate is accepted (libpq's meaning: encryption, not identity), under
 * {@code verify-ca} it must chain to a CA of {@code server.tls_ca_file} (else of the JVM's trust store), under
 * {@code verify-full} it must also name the host pgwake connects to. With {@code server.tls_cert_file} pgwake shows
 * that certificate to a server that asks for one. Immutable.
 */
public final class ServerTls {
    private final ServerTlsMode mode;
    private final SslContext context;

    private ServerTls(ServerTlsMode mode, SslContext context) {
        this.mode = mode;
        this.context = context;
    }

    /** No TLS to servers. */
    public static ServerTls disabled() {
        return new ServerTls(ServerTlsMode.DISABLE, null);
    }

    /** Reads {@code server.tls_ca_file}; throws {@link IllegalStateException} when it does not load. */
    public static ServerTls of(ServerConfig server) {
        ServerTlsMode mode = server.tlsMode();
        if (mode == ServerTlsMode.DISABLE) {
            return disabled();
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().protocols("TLSv1.3", "TLSv1.2");
            if (!mode.verifies()) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (server.tlsCaFile() != null) {
                builder.trustManager(server.tlsCaFile().toFile());
            }
            if (server.tlsCertFile() != null) {
                builder.keyManager(server.tlsCertFile().toFile(), server.tlsKeyFile().toFile());
            }
            return new ServerTls(mode, builder.build());
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot set up TLS to servers (server.tls_mode " + mode
                    + (server.tlsCaFile() == null ? "" : ", server.tls_ca_file " + server.tlsCaFile())
                    + (server.tlsCertFile() == null ? "" : ", server.tls_cert_file " + server.tlsCertFile()) + "): "
                    + e.getMessage(), e);
        }
    }

    public ServerTlsMode mode() {
        return mode;
    }

    /** A TLS client handler for a connection to {@code endpoint} (its host as the TLS server name). */
    SslHandler handler(ByteBufAllocator alloc, Endpoint endpoint) {
        SSLEngine engine = context.newEngine(alloc, endpoint.host(), endpoint.port());
        if (mode == ServerTlsMode.VERIFY_FULL) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            engine.setSSLParameters(parameters);
        }
        return new SslHandler(engine);
    }
}
