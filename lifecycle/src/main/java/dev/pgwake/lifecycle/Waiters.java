package dev.pgwake.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The callers waiting for one wake of one branch: they share {@link #future} (each gets a copy, so
 * one caller cancelling its copy cancels nothing else) and one deadline, set when the first arrived.
 * {@link #accepting} completes when the driver says, before the wake ends, where the compute already
 * accepts connections (a warm or cold resume of the local driver); it is cancelled when the wake ends.
 */
final class Waiters {

  final CompletableFuture<Wake> future = new CompletableFuture<>();
  final CompletableFuture<Endpoint> accepting = new CompletableFuture<>();
  final Instant since;
  /** The wake_timeout when the first arrived: the deadline is that long after {@link #since}. */
  final Duration timeout;
  private ScheduledFuture<?> deadline;

  Waiters(Instant since, Duration timeout) {
    this.since = since;
    this.timeout = timeout;
  }

  void deadline(ScheduledFuture<?> task) {
    this.deadline = task;
  }

  /** The wake ended (or its waiters were let go): no deadline, no early endpoint any more. */
  void settled() {
    if (deadline != null) {
      deadline.cancel(false);
    }
    accepting.cancel(false);
  }

  Duration waitedUntil(Instant now) {
    Duration d = Duration.between(since, now);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
