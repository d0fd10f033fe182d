package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.LifecycleException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for a freshly started postmaster to accept connections. Ready means both: postmaster.pid says
 * {@code ready} for this very process, so a different server that happens to listen on the same port is
 * never mistaken for ours, and then a real connection is answered ({@link ReadinessProbe}). The file is
 * read first and the probe connects only once it says ready: every connection to a server still starting
 * costs it a forked backend that only says "starting up". Fails at once when the process exits (port
 * taken, bad setting, data directory in use).
 */
final class StartupWait {

  private final Process process;
  private final Path dataDir;
  private final ReadinessProbe probe;
  private final Supplier<String> logTail;

  StartupWait(Process process, Path dataDir, ReadinessProbe probe, Supplier<String> logTail) {
    this.process = process;
    this.dataDir = dataDir;
    this.probe = probe;
    this.logTail = logTail;
  }

  /**
   * Returns once the server is ready; runs {@code accepting} once, when postmaster.pid first says ready
   * (before the probe connects).
   *
   * @throws LifecycleException 58000 if the process exited, 57P03 if {@code timeout} passed first
   */
  void await(Duration timeout, Duration interval, Duration ioTimeout, Runnable accepting) {
    long start = System.nanoTime();
    boolean said = false;
    while (true) {
      if (!process.isAlive()) {
        throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "postgres for " + dataDir
            + " exited with code " + process.exitValue() + " before accepting connections;"
            + " server log ends with:\n" + logTail.get());
      }
      long left = timeout.toNanos() - (System.nanoTime() - start);
      if (left <= 0) {
        throw new LifecycleException(ReadinessProbe.CANNOT_CONNECT_NOW, "postgres for " + dataDir
            + " (pid " + process.pid() + ") did not accept connections within " + timeout.toMillis()
            + " ms; server log ends with:\n" + logTail.get());
      }
      if (ownsReadyPidFile()) {
        if (!said) {
          said = true;
          accepting.run();
        }
        Duration ask = Duration.ofNanos(Math.min(left, ioTimeout.toNanos()));
        if (probe.ask(ask) == ReadinessProbe.Answer.ACCEPTING) {
          return;
        }
      }
      PostgresCluster.sleep(interval.toNanos() < left ? interval : Duration.ofNanos(left));
    }
  }

  private boolean ownsReadyPidFile() {
    return PostmasterPidFile.read(dataDir)
        .filter(PostmasterPidFile::ready)
        .filter(f -> f.pid() == process.pid()
            || process.descendants().anyMatch(child -> child.pid() == f.pid()))
        .isPresent();
  }
}
