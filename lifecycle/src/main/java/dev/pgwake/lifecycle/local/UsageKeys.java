package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.ComputeUsage;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * A branch's compute account in {@code branch.properties}: {@code compute_seconds} and {@code
 * wall_seconds}, decimal seconds with up to nine fraction digits ({@code 1234.5}), and {@code
 * accounted_at}, the ISO-8601 instant they were counted at ({@code 2030-01-01T00:00:00Z}). An entry
 * with none of the three (written before they existed) has no account. A damaged value does not make
 * the entry unreadable: a missing or unreadable number is read as 0, a missing or unreadable instant
 * as unknown (the time since is not counted), each with a warning; the next save writes them afresh.
 */
final class UsageKeys {

  static final String COMPUTE = "compute_seconds";
  static final String WALL = "wall_seconds";
  static final String ACCOUNTED_AT = "accounted_at";

  private static final System.Logger LOG = System.getLogger(UsageKeys.class.getName());
  /** Nine fraction digits: a Duration's nanoseconds. */
  private static final int NANO_DIGITS = 9;

  private UsageKeys() {
  }

  static void write(ComputeUsage usage, Properties p) {
    p.setProperty(COMPUTE, seconds(usage.compute()));
    p.setProperty(WALL, seconds(usage.wall()));
    usage.accountedAt().ifPresent(at -> p.setProperty(ACCOUNTED_AT, at.toString()));
  }

  /** The account in {@code p}, read from {@code file} (named in warnings). */
  static Optional<ComputeUsage> read(Properties p, Path file) {
    if (p.getProperty(COMPUTE) == null && p.getProperty(WALL) == null && p.getProperty(ACCOUNTED_AT) == null) {
      return Optional.empty();
    }
    return Optional.of(new ComputeUsage(duration(p, COMPUTE, file), duration(p, WALL, file), instant(p, file)));
  }

  static String seconds(Duration d) {
    BigDecimal s = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), NANO_DIGITS));
    return s.stripTrailingZeros().toPlainString();
  }

  private static Duration duration(Properties p, String key, Path file) {
    String value = p.getProperty(key);
    if (value == null) {
      warn(file, key + " is missing: read as 0");
      return Duration.ZERO;
    }
    try {
      BigDecimal s = new BigDecimal(value.strip());
      if (s.signum() < 0) {
        throw new NumberFormatException("negative");
      }
      // at most a long of nanoseconds (292 years): more is damage, and stays clear of overflows
      return Duration.ofNanos(s.movePointRight(NANO_DIGITS).toBigInteger().longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      warn(file, key + "=" + value + " is not a number of seconds from 0 to 292 years: read as 0");
      return Duration.ZERO;
    }
  }

  private static Optional<Instant> instant(Properties p, Path file) {
    String value = p.getProperty(ACCOUNTED_AT);
    if (value == null) {
      warn(file, ACCOUNTED_AT + " is missing: the time since the last save is not counted");
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value.strip()));
    } catch (DateTimeException e) {
      warn(file, ACCOUNTED_AT + "=" + value + " is not an ISO-8601 instant: the time since the last save"
          + " is not counted");
      return Optional.empty();
    }
  }

  private static void warn(Path file, String message) {
    LOG.log(Level.WARNING, file + ": " + message);
  }
}
