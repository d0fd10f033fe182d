package dev.pgwake.proxy.auth;

import java.util.Objects;

/**
 * An authentication exchange failed. Carries the SQLSTATE the client should receive in its
 * ErrorResponse; the message is safe to send to the client and to log (it never contains a password,
 * a secret or a SASL payload).
 */
public final class AuthenticationException extends Exception {

    /** invalid_authorization_specification: malformed or unsupported authentication messages. */
    public static final String INVALID_AUTHORIZATION = "28000";
    /** invalid_password: the password (proof) was wrong, or the user is unknown. */
    public static final String INVALID_PASSWORD = "28P01";
    /** protocol_violation: the server pgwake logs in to sent something unacceptable. */
    public static final String PROTOCOL_VIOLATION = "08P01";

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    public AuthenticationException(String sqlState, String message) {
        super(message);
        this.sqlState = Objects.requireNonNull(sqlState, "sqlState");
    }

    /** The five-character SQLSTATE for the ErrorResponse. */
    public String sqlState() {
        return sqlState;
    }

    static AuthenticationException passwordFailed(String user) {
        return new AuthenticationException(INVALID_PASSWORD,
                "password authentication failed for user \"" + user + "\"");
    }
}
