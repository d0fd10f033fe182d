package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.LifecycleException;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a short-lived program to completion: stdout and stderr go to private temporary files (so a
 * chatty program can never block on a full pipe), the wait is bounded, and a program that overruns
 * is killed.
 */
final class CommandRunner {

  /** SQLSTATE system_error: the operating system or a program we ran failed. */
  static final String SYSTEM_ERROR = "58000";
  private static final int MAX_CAPTURED_CHARS = 64 * 1024;

  /** Outcome of a finished program. */
  record Result(int exitCode, String stdout, String stderr) {
    boolean succeeded() {
      return exitCode == 0;
    }

    /** Both streams, for error messages. */
    String output() {
      return (stdout.strip() + "\n" + stderr.strip()).strip();
    }
  }

  private CommandRunner() {
  }

  static Result run(ProcessBuilder builder, Duration timeout) {
    return run(builder, timeout, null);
  }

  /** Runs {@code builder}, feeding {@code stdin} (may be null: no input) to the program. */
  static Result run(ProcessBuilder builder, Duration timeout, String stdin) {
    Path out = null;
    Path err = null;
    Path in = null;
    try {
      out = Files.createTempFile("pgwake-out-", ".txt");
      err = Files.createTempFile("pgwake-err-", ".txt");
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      if (stdin == null) {
        builder.redirectInput(Redirect.from(new File("/dev/null")));
      } else {
        in = Files.createTempFile("pgwake-in-", ".txt"); // mode 600: may hold passwords
        Files.writeString(in, stdin, StandardCharsets.UTF_8);
        builder.redirectInput(in.toFile());
      }
      int exit = waitFor(builder.start(), builder.command(), timeout);
      return new Result(exit, readCapped(out), readCapped(err));
    } catch (IOException e) {
      throw new LifecycleException(SYSTEM_ERROR,
          "cannot run " + describe(builder.command()) + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
      deleteQuietly(in);
    }
  }

  /** The first executable called {@code name} in a PATH directory. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** The program's name and arguments, for messages. */
  static String describe(List<String> command) {
    return String.join(" ", command);
  }

  private static int waitFor(Process process, List<String> command, Duration timeout) {
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return process.exitValue();
      }
      process.destroyForcibly();
      process.waitFor(1, TimeUnit.SECONDS);
      throw new LifecycleException(SYSTEM_ERROR,
          describe(command) + " did not finish within " + timeout.toMillis() + " ms and was killed");
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new LifecycleException(SYSTEM_ERROR, "interrupted while running " + describe(command), e);
    }
  }

  private static String readCapped(Path file) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    return text.length() <= MAX_CAPTURED_CHARS ? text : text.substring(text.length() - MAX_CAPTURED_CHARS);
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover temporary file is harmless
    }
  }
}
