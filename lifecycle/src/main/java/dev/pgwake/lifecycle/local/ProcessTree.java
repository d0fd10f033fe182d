package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.LifecycleException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A postmaster and every process under it, frozen with SIGSTOP and thawed with SIGCONT. The postmaster
 * runs in its own session, but each of its children calls setsid() too (InitPostmasterChild), so
 * signalling the postmaster's process group reaches only the postmaster: every child's group is
 * signalled as well, and the result is checked in /proc (state T) rather than assumed.
 *
 * <p>Freezing stops the postmaster first and waits until it is stopped, so it forks no new child
 * while the children are listed; then it stops the children's groups, again until none is left
 * running. Signals go through {@link Signals} (the JVM itself can only send TERM and KILL).
 */
final class ProcessTree {

  private static final int MAX_DEPTH = 8;
  private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
  private static final int ROUNDS = 10;

  private final long postmaster;
  private final Signals signals;

  ProcessTree(long postmaster, Signals signals) {
    this.postmaster = postmaster;
    this.signals = signals;
  }

  /** True if the postmaster is stopped by a signal. */
  boolean frozen() {
    return ProcStat.read(postmaster).map(ProcStat::stopped).orElse(false);
  }

  /** The postmaster and its live descendants, postmaster first. */
  List<ProcStat> members() {
    List<ProcStat> all = new ArrayList<>();
    ProcStat.read(postmaster).ifPresent(all::add);
    addDescendants(postmaster, all, 0);
    return all;
  }

  private static void addDescendants(long pid, List<ProcStat> into, int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    for (long child : ProcStat.children(pid)) {
      ProcStat.read(child).filter(s -> !s.exited()).ifPresent(s -> {
        into.add(s);
        addDescendants(child, into, depth + 1);
      });
    }
  }

  /**
   * Stops every process of the tree, checked in /proc, and returns them, postmaster first (a stopped
   * tree cannot fork, so these are all of it until it is continued); on failure continues them again and
   * throws.
   */
  List<ProcStat> freeze(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    ProcStat master = ProcStat.read(postmaster).orElseThrow(() -> new LifecycleException(
        CommandRunner.SYSTEM_ERROR, "cannot freeze postgres pid " + postmaster + ": it is not running"));
    try {
      signal("STOP", List.of(targetOf(master)));
      awaitAll(List.of(master), true, deadline);
      for (int round = 0; round < ROUNDS; round++) {
        List<ProcStat> all = members();
        List<ProcStat> running = all.stream().filter(s -> !s.stopped()).collect(Collectors.toList());
        if (running.isEmpty()) {
          return all;
        }
        signal("STOP", targetsOf(running));
        awaitAll(running, true, deadline);
      }
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "postgres pid " + postmaster
          + " kept starting processes while being frozen");
    } catch (LifecycleException e) {
      thaw(timeout);
      throw e;
    }
  }

  /** Continues every process of the tree, children first; checked in /proc. */
  void thaw(Duration timeout) {
    thaw(members(), timeout);
  }

  /**
   * Continues {@code all}, what {@link #freeze} returned, children first, without listing the tree again
   * (the hot resume's path); checked in /proc.
   */
  void thaw(List<ProcStat> all, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> targets = targetsOf(all.stream().filter(s -> s.pid() != postmaster).collect(Collectors.toList()));
    all.stream().filter(s -> s.pid() == postmaster).forEach(m -> targets.add(targetOf(m)));
    if (targets.isEmpty()) {
      return;
    }
    signal("CONT", targets);
    awaitAll(all, false, deadline);
  }

  /** The process group if the process leads one (so its own children are reached too), else the pid. */
  private static String targetOf(ProcStat s) {
    return s.group() == s.pid() ? "-" + s.pid() : Long.toString(s.pid());
  }

  private static List<String> targetsOf(List<ProcStat> processes) {
    Set<String> targets = new LinkedHashSet<>();
    processes.forEach(s -> targets.add(targetOf(s)));
    return new ArrayList<>(targets);
  }

  private void awaitAll(List<ProcStat> processes, boolean stopped, long deadline) {
    for (ProcStat p : processes) {
      while (true) {
        ProcStat now = ProcStat.read(p.pid()).orElse(null);
        if (now == null || now.exited() || now.stopped() == stopped) {
          break;
        }
        if (System.nanoTime() - deadline > 0) {
          throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "postgres pid " + p.pid() + " (under postmaster "
              + postmaster + ") is still in state " + now.state() + " after SIG" + (stopped ? "STOP" : "CONT"));
        }
        LockSupport.parkNanos(POLL_NANOS);
      }
    }
  }

  private void signal(String signal, List<String> targets) {
    signals.send(signal, targets);
  }
}
