package dev.pgwake.proxy.protocol;

/** A failure that reaches the client as an ErrorResponse with this SQLSTATE, then the connection closes. */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;

    public ProtocolException(String sqlState, String message) {
        super(message, null, false, false);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }

    public static ProtocolException violation(String message) {
        return new ProtocolException(SqlState.PROTOCOL_VIOLATION, message);
    }
}
