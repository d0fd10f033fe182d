package dev.pgwake.lifecycle.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How {@link PostgresCluster#init(InitOptions)} creates a data directory. Immutable; the {@code
 * with*} methods return a copy.
 *
 * @param superuser name of the bootstrap superuser ({@code initdb -U}), default {@value #DEFAULT_SUPERUSER}
 * @param configLines lines appended to postgresql.conf after pgwake's own settings (later lines win)
 * @param hbaLines pg_hba.conf lines placed before initdb's default trust lines, in this order
 */
public record InitOptions(String superuser, List<String> configLines, List<String> hbaLines) {

  public static final String DEFAULT_SUPERUSER = "postgres";

  public InitOptions {
    Objects.requireNonNull(superuser, "superuser");
    if (superuser.isBlank() || !superuser.equals(superuser.strip())) {
      throw new IllegalArgumentException("superuser must be a non-empty name without surrounding spaces");
    }
    configLines = singleLines(configLines, "configLines");
    hbaLines = singleLines(hbaLines, "hbaLines");
  }

  /** Superuser {@value #DEFAULT_SUPERUSER}, no extra settings, no extra pg_hba.conf lines. */
  public static InitOptions defaults() {
    return new InitOptions(DEFAULT_SUPERUSER, List.of(), List.of());
  }

  public InitOptions withSuperuser(String name) {
    return new InitOptions(name, configLines, hbaLines);
  }

  /** Adds a postgresql.conf line such as {@code "log_min_duration_statement = 0"}. */
  public InitOptions withConfig(String line) {
    return new InitOptions(superuser, append(configLines, line), hbaLines);
  }

  /** Adds a pg_hba.conf line such as {@code "host all app 127.0.0.1/32 scram-sha-256"}. */
  public InitOptions withHba(String line) {
    return new InitOptions(superuser, configLines, append(hbaLines, line));
  }

  private static List<String> append(List<String> lines, String line) {
    List<String> copy = new ArrayList<>(lines);
    copy.add(line);
    return copy;
  }

  static List<String> singleLines(List<String> lines, String what) {
    Objects.requireNonNull(lines, what);
    for (String line : lines) {
      checkSingleLine(line, what);
    }
    return List.copyOf(lines);
  }

  static String checkSingleLine(String line, String what) {
    Objects.requireNonNull(line, what);
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(what + " must be single lines, got: " + line);
    }
    return line;
  }
}
