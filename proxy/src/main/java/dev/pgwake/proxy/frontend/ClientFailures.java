package dev.pgwake.proxy.frontend;

import dev.pgwake.proxy.protocol.ErrorResponse;
import dev.pgwake.proxy.protocol.ProtocolException;
import dev.pgwake.proxy.protocol.SqlState;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.util.Optional;

/** What an exception on a client's channel earns the client, logged once with the connection's context. */
public final class ClientFailures {
    private ClientFailures() {
    }

    /**
     * The FATAL ErrorResponse to send: the SQLSTATE of a protocol violation, XX000 for a bug in pgwake; empty
     * when the connection itself failed (reset, TLS failure) and nothing can be sent.
     */
    public static Optional<ErrorResponse> describe(Throwable cause, String who, Logger log) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof ProtocolException e) {
            log.info("{} protocol violation: {}", who, e.getMessage());
            return Optional.of(ErrorResponse.fatal(e.sqlState(), e.getMessage()));
        }
        if (root instanceof IOException || root instanceof SSLException) {
            log.debug("{} connection error: {}", who, root.getMessage());
            return Optional.empty();
        }
        log.error("{} internal error", who, root);
        return Optional.of(ErrorResponse.fatal(SqlState.INTERNAL_ERROR, "pgwake internal error: " + root));
    }
}
