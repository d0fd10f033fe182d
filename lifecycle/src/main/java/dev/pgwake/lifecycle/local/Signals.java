package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.LifecycleException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Sends SIGSTOP and SIGCONT, which the JVM cannot (it only has TERM and KILL). The hot resume's path
 * wants it fast, so on Linux signals are sent by libc's {@code kill(2)} itself, through JNA, from the
 * calling thread. Where that is not available (JNA cannot load, another system, a call refused), they go
 * through one long-lived {@code /bin/sh} whose builtin {@code kill} answers in well under a millisecond
 * (no process to start); if that shell cannot be (re)started, the {@code kill} program is run instead.
 * Only signal names from a fixed set and numeric targets are accepted. Thread-safe.
 */
final class Signals implements AutoCloseable {

  private static final Set<String> SIGNALS = Set.of("STOP", "CONT", "INT", "HUP");
  private static final Libc LIBC = Libc.load();
  private static final Pattern TARGET = Pattern.compile("-?[1-9][0-9]*");
  private static final String DONE = "pgwake-signalled";
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

  private Process shell;
  private BufferedWriter commands;
  private BufferedReader answers;

  /**
   * {@code kill -s signal -- targets}: a target is a pid, or a process group as {@code -pgid}. A
   * target that has exited meanwhile is not an error; callers check the effect in /proc.
   */
  synchronized void send(String signal, List<String> targets) {
    if (!SIGNALS.contains(signal) || targets.isEmpty() || !targets.stream().allMatch(t -> TARGET.matcher(t).matches())) {
      throw new IllegalArgumentException("refusing to send " + signal + " to " + targets);
    }
    if (LIBC != null && LIBC.send(signal, targets)) {
      return;
    }
    String command = "kill -s " + signal + " -- " + String.join(" ", targets);
    try {
      throughShell(command);
    } catch (IOException firstTry) {
      stopShell();
      try {
        throughShell(command);
      } catch (IOException secondTry) {
        stopShell();
        throughProgram(signal, targets);
      }
    }
  }

  @Override
  public synchronized void close() {
    stopShell();
  }

  private void throughShell(String command) throws IOException {
    if (shell == null || !shell.isAlive()) {
      shell = new ProcessBuilder("/bin/sh").redirectErrorStream(true).start();
      commands = new BufferedWriter(new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.US_ASCII));
      answers = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII));
    }
    commands.write(command + " 2>/dev/null; echo " + DONE + "\n");
    commands.flush();
    String line;
    while ((line = answers.readLine()) != null) {
      if (line.equals(DONE)) {
        return;
      }
    }
    throw new IOException("the signalling shell exited");
  }

  private void stopShell() {
    if (shell != null) {
      shell.destroy();
      shell = null;
    }
  }

  private static void throughProgram(String signal, List<String> targets) {
    List<String> command = new ArrayList<>(List.of("kill", "-s", signal, "--"));
    command.addAll(targets);
    try {
      Process kill = new ProcessBuilder(command).redirectInput(Redirect.from(new File("/dev/null")))
          .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
      if (!kill.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        kill.destroyForcibly();
        throw new LifecycleException(CommandRunner.SYSTEM_ERROR, CommandRunner.describe(command) + " hung");
      }
    } catch (IOException e) {
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "cannot run " + CommandRunner.describe(command)
          + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "interrupted while signalling postgres", e);
    }
  }
}
