package dev.pgwake.lifecycle;

import java.util.Objects;
import java.util.regex.Pattern;

/** A lifecycle failure that reaches clients as an ErrorResponse with {@link #sqlState()}. */
public class LifecycleException extends RuntimeException {

  /** invalid_catalog_name: what PostgreSQL sends for a database that does not exist. */
  public static final String UNKNOWN_BRANCH = "3D000";
  /** cannot_connect_now: the branch could not be woken (in time). */
  public static final String CANNOT_CONNECT_NOW = "57P03";
  /** feature_not_supported: the driver does not offer the operation. */
  public static final String FEATURE_NOT_SUPPORTED = "0A000";
  /** object_in_use: for example dropping a branch with transactions running. */
  public static final String OBJECT_IN_USE = "55006";
  /** duplicate_database: the branch exists already. */
  public static final String DUPLICATE_BRANCH = "42P04";
  /** system_error: a program or the operating system failed. */
  public static final String SYSTEM_ERROR = "58000";

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
