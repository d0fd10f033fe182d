package dev.pgwake.lifecycle;

import java.util.Objects;
import java.util.regex.Pattern;

/** A lifecycle failure that reaches clients as an ErrorResponse with {@link #sqlState()}. */
public class LifecycleException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private static final Pattern SQLSTATE = Pattern.compile("[0-9A-Z]{5}");

  private final String sqlState;

  public LifecycleException(String sqlState, String message) {
    this(sqlState, message, null);
  }

  public LifecycleException(String sqlState, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    Objects.requireNonNull(sqlState, "sqlState");
    if (!SQLSTATE.matcher(sqlState).matches()) {
      throw new IllegalArgumentException("SQLSTATE must be 5 characters [0-9A-Z], got " + sqlState);
    }
    this.sqlState = sqlState;
  }

  /** The five-character SQLSTATE, e.g. {@code 3D000}. */
  public String sqlState() {
    return sqlState;
  }
}
