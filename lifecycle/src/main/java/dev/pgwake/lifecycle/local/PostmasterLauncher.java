package dev.pgwake.lifecycle.local;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts postmasters in the background, as an {@link OsUser}, each in its own session ({@code setsid}: a Ctrl-C
 * meant for pgwake does not stop the servers, which a restart adopts), output appended to a log file.
 *
 * <p>Starting a program the plain way execs {@code jspawnhelper}, {@code setpriv} (when the JVM is root),
 * {@code setsid} and only then {@code postgres}; on these machines each exec costs one to two milliseconds, on the
 * path of every warm and cold wake. So a launcher made with a spare keeps one shell ready, started that way ahead of
 * time, that waits on its standard input for a log file and a command line, one per line, ended by an empty line,
 * then execs the command with its output appended to the log. A start hands the waiting shell its lines and gets
 * back the process that is about to become the postmaster (the same pid: every step execs); a new spare is started
 * {@value #REFILL_DELAY_MS} ms later, off the wake's path. Without a spare (it was taken, died or could not be
 * started), or for a command a line cannot carry (an empty argument, a newline), a start takes the plain way. A
 * spare whose pgwake is gone reads the end of its input and exits.
 *
 * <p>Thread-safe.
 */
final class PostmasterLauncher implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(PostmasterLauncher.class.getName());
  static final long REFILL_DELAY_MS = 100;
  private static final Path SHELL = Path.of("/bin/sh");
  /** $1.. stay unused; the lines become the log file and the arguments, then the shell turns into the command. */
  static final String SCRIPT = "IFS= read -r log || exit 1; set --; "
      + "while IFS= read -r arg && [ -n \"$arg\" ]; do set -- \"$@\" \"$arg\"; done; "
      + "exec \"$@\" </dev/null >>\"$log\" 2>&1";

  private final OsUser runAs;
  private final List<String> sessionPrefix;
  private final ScheduledExecutorService refill;
  private Process spare;
  private boolean closed;

  private PostmasterLauncher(OsUser runAs, boolean keepSpare) {
    this.runAs = runAs;
    this.sessionPrefix = CommandRunner.onPath("setsid").map(setsid -> List.of(setsid.toString())).orElse(List.of());
    this.refill = keepSpare ? Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "pgwake-postmaster-launcher");
      thread.setDaemon(true);
      return thread;
    }) : null;
  }

  /** A launcher that always takes the plain way. */
  static PostmasterLauncher plain(OsUser runAs) {
    return new PostmasterLauncher(runAs, false);
  }

  /** A launcher that keeps a spare shell ready once {@link #prepare()} or a first start asked for one. */
  static PostmasterLauncher withSpare(OsUser runAs) {
    return new PostmasterLauncher(runAs, true);
  }

  /** Starts a spare in the background unless one waits (or this launcher keeps none). */
  void prepare() {
    refillAfter(0);
  }

  /**
   * Starts {@code command} in its own session as the user, stdin from /dev/null, stdout and stderr appended to
   * {@code log}, which the user must be able to open for appending when the spare is taken.
   */
  Process launch(List<String> command, Path workingDir, Path log) throws IOException {
    if (carriable(command, log)) {
      Process waiting = takeSpare();
      if (waiting != null) {
        try {
          hand(waiting, command, log);
          return waiting;
        } catch (IOException brokenPipe) { // the spare died between the check and the write
          waiting.destroy();
        } finally {
          refillAfter(REFILL_DELAY_MS);
        }
      } else {
        refillAfter(0);
      }
    }
    List<String> argv = new ArrayList<>(sessionPrefix);
    argv.addAll(command);
    return runAs.processBuilder(argv, workingDir)
        .redirectInput(Redirect.from(new File("/dev/null")))
        .redirectOutput(Redirect.appendTo(log.toFile()))
        .redirectErrorStream(true)
        .start();
  }

  /** The process id of the spare shell while one waits. */
  synchronized OptionalLong sparePid() {
    return spare != null && spare.isAlive() ? OptionalLong.of(spare.pid()) : OptionalLong.empty();
  }

  /** Ends the spare shell, if any; later starts take the plain way. */
  @Override
  public void close() {
    Process last;
    synchronized (this) {
      closed = true;
      last = spare;
      spare = null;
    }
    if (refill != null) {
      refill.shutdownNow();
    }
    if (last != null) {
      last.destroy();
    }
  }

  private synchronized Process takeSpare() {
    Process waiting = spare;
    spare = null;
    return waiting != null && waiting.isAlive() ? waiting : null;
  }

  private void refillAfter(long delayMs) {
    if (refill == null) {
      return;
    }
    try {
      refill.schedule(this::refill, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closedMeanwhile) {
      // close() ran: no spare any more
    }
  }

  private void refill() {
    synchronized (this) {
      if (closed || spare != null && spare.isAlive()) {
        return;
      }
    }
    List<String> argv = new ArrayList<>(sessionPrefix);
    argv.addAll(List.of(SHELL.toString(), "-c", SCRIPT));
    Process started;
    try {
      started = runAs.processBuilder(argv, Path.of("/"))
          .redirectOutput(Redirect.DISCARD)
          .redirectErrorStream(true)
          .start();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot start a spare shell for postgres (starts take the plain way): {0}",
          e.getMessage());
      return;
    }
    synchronized (this) {
      if (!closed && spare == null) {
        spare = started;
        return;
      }
    }
    started.destroy(); // closed meanwhile, or another refill won
  }

  private static boolean carriable(List<String> command, Path log) {
    return !command.isEmpty() && fitsALine(log.toString()) && command.stream().allMatch(PostmasterLauncher::fitsALine);
  }

  /** The shell reads each argument as one line, and an empty line ends them. */
  private static boolean fitsALine(String argument) {
    return !argument.isEmpty() && argument.indexOf('\n') < 0;
  }

  private static void hand(Process waiting, List<String> command, Path log) throws IOException {
    StringBuilder lines = new StringBuilder(log.toString()).append('\n');
    command.forEach(arg -> lines.append(arg).append('\n'));
    lines.append('\n');
    try (OutputStream in = waiting.getOutputStream()) {
      in.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
