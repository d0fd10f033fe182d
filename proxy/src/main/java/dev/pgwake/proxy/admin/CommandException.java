package dev.pgwake.proxy.admin;

/** A console statement that cannot run: reaches the admin as an ERROR with {@link #sqlState()}; the session goes on. */
final class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;

    CommandException(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    String sqlState() {
        return sqlState;
    }
}
