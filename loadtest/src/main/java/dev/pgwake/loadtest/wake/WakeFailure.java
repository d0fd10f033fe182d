package dev.pgwake.loadtest.wake;

import java.sql.SQLException;

/**
 * One repetition failed: at which {@code step} (e.g. {@code suspend}, {@code connect}, {@code check}) and
 * with what {@code code}: the SQLSTATE when the server sent one, else a short word ({@code mismatch},
 * {@code timeout}, {@code exited}) or the exception's class.
 */
final class WakeFailure extends Exception {
    private final String step;
    private final String code;

    WakeFailure(String step, String code, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
        this.code = code;
    }

    WakeFailure(String step, String code, String message) {
        this(step, code, message, null);
    }

    /** {@code cause} at {@code step}, coded by its SQLSTATE (or a cause's) or its class. */
    static WakeFailure of(String step, Throwable cause) {
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return new WakeFailure(step, code(cause), step + ": " + message, cause);
    }

    static String code(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return failure.getClass().getSimpleName();
    }

    String step() {
        return step;
    }

    String code() {
        return code;
    }
}
