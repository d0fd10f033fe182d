package dev.pgwake.proxy.backend;

import dev.pgwake.proxy.protocol.ErrorResponse;

/**
 * Logging in to a server failed. {@link #serverError()} is the server's own ErrorResponse when it sent one
 * (unknown database, too many connections, ...), to be passed on to the client.
 */
public final class ServerLoginException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;
    private final transient ErrorResponse serverError;

    public ServerLoginException(String sqlState, String message, ErrorResponse serverError, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
        this.serverError = serverError;
    }

    public String sqlState() {
        return sqlState;
    }

    public ErrorResponse serverError() {
        return serverError;
    }
}
