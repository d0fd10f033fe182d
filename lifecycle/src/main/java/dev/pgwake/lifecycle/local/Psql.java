package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.LifecycleException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * psql as a script runner: no psqlrc, quiet, unaligned tuples-only output, stop at the first error,
 * verbose errors so their SQLSTATE can be read back. The script goes to stdin, so passwords in it
 * never show in the process list.
 */
final class Psql {

  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  /** With VERBOSITY=verbose psql writes e.g. {@code psql:<stdin>:1: ERROR:  42P01: relation ...}. */
  private static final Pattern SQLSTATE = Pattern.compile("(?:ERROR|FATAL):\\s+([0-9A-Z]{5}):");

  private Psql() {
  }

  /**
   * Runs {@code script} against {@code database} on the server at {@code host} (a socket directory
   * or an address) and {@code port}, as {@code user}, started as {@code runAs}.
   */
  static String run(Path psql, OsUser runAs, Path workingDir, String host, int port, String user,
      String database, String script) {
    List<String> command = List.of(psql.toString(), "-X", "-q", "-A", "-t",
        "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose",
        "-h", host, "-p", Integer.toString(port), "-U", user, "-d", database, "-f", "-");
    CommandRunner.Result result =
        CommandRunner.run(runAs.processBuilder(command, workingDir), TIMEOUT, script);
    if (!result.succeeded()) {
      throw new LifecycleException(sqlState(result.stderr()), "psql on port " + port + " failed (exit "
          + result.exitCode() + "): " + result.stderr().strip());
    }
    return result.stdout().strip();
  }

  /** The SQLSTATE in psql's verbose error output, else 58000 (system_error). */
  static String sqlState(String stderr) {
    Matcher m = SQLSTATE.matcher(stderr);
    return m.find() ? m.group(1) : CommandRunner.SYSTEM_ERROR;
  }
}
