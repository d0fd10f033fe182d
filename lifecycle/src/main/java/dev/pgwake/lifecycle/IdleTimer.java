package dev.pgwake.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The one pending idle check of a branch. Planning is lazy: a check already due no later than the
 * new plan is kept (it re-plans when it fires), so a branch busy with short transactions does not
 * reschedule on every one. A check that fires after it was cancelled or replaced is recognised by its
 * token and ignored. Not thread-safe: the owning {@link Branch} guards it.
 */
final class IdleTimer {

  private final ScheduledExecutorService scheduler;
  private ScheduledFuture<?> pending;
  private Instant pendingAt;
  private long token;

  IdleTimer(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  /** Runs {@code check(token)} at {@code now + delay} unless a check at or before then is pending. */
  void plan(Instant now, Duration delay, LongConsumer check) {
    Instant at = now.plus(delay);
    if (pending != null && !pendingAt.isAfter(at)) {
      return;
    }
    cancel();
    long mine = token;
    pendingAt = at;
    pending = scheduler.schedule(() -> check.accept(mine), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  void cancel() {
    token++;
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  /** True if {@code t} is the pending check's token; it is then no longer pending. */
  boolean fire(long t) {
    if (t != token || pending == null) {
      return false;
    }
    pending = null;
    return true;
  }
}
