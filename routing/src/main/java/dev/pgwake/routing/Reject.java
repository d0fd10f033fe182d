package dev.pgwake.routing;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Refuse the connection with an ErrorResponse carrying {@code sqlState} (five digits or upper-case
 * letters, e.g. {@code 3D000}) and {@code message}.
 */
public record Reject(String sqlState, String message) implements RoutingDecision {

    private static final Pattern SQL_STATE = Pattern.compile("[0-9A-Z]{5}");

    /** Checks that {@code sqlState} has the SQLSTATE shape. */
    public Reject {
        Objects.requireNonNull(sqlState, "sqlState");
        Objects.requireNonNull(message, "message");
        if (!SQL_STATE.matcher(sqlState).matches()) {
            throw new IllegalArgumentException("not a SQLSTATE: " + QuotedValue.of(sqlState));
        }
    }
}
