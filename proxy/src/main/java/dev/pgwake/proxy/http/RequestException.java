package dev.pgwake.proxy.http;

/** A request the API cannot take as sent (bad body, bad name); answered with {@link #sqlState()} and its status. */
final class RequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;

    RequestException(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    String sqlState() {
        return sqlState;
    }
}
