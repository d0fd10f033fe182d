package dev.pgwake.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When a quiet branch steps down to sleep. Every delay is measured from the moment its last
 * transaction or query ended (or it last woke); {@link #OFF} (zero) disables a step, and a disabled or
 * unsupported step is skipped, not a barrier: with {@code suspend_after} off, a branch goes from IDLE
 * straight to STOPPED at {@code stop_after}. Immutable.
 *
 * @param idleAfter RUNNING -> IDLE (server connections closed), default 30 s
 * @param suspendAfter -> SUSPENDED, default 5 min
 * @param stopAfter -> STOPPED, default 1 h
 * @param archiveAfter -> ARCHIVED, default off
 */
public record IdlePolicy(Duration idleAfter, Duration suspendAfter, Duration stopAfter, Duration archiveAfter) {

  /** A disabled step. */
  public static final Duration OFF = Duration.ZERO;
  private static final List<BranchState> STEPS =
      List.of(BranchState.IDLE, BranchState.SUSPENDED, BranchState.STOPPED, BranchState.ARCHIVED);

  public IdlePolicy {
    check(idleAfter, "idle_after");
    check(suspendAfter, "suspend_after");
    check(stopAfter, "stop_after");
    check(archiveAfter, "archive_after");
  }

  /** 30 s, 5 min, 1 h, off. */
  public static IdlePolicy defaults() {
    return new IdlePolicy(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1), OFF);
  }

  /** Every step off: branches stay running (plain pooling). */
  public static IdlePolicy never() {
    return new IdlePolicy(OFF, OFF, OFF, OFF);
  }

  public IdlePolicy withIdleAfter(Duration d) {
    return new IdlePolicy(d, suspendAfter, stopAfter, archiveAfter);
  }

  public IdlePolicy withSuspendAfter(Duration d) {
    return new IdlePolicy(idleAfter, d, stopAfter, archiveAfter);
  }

  public IdlePolicy withStopAfter(Duration d) {
    return new IdlePolicy(idleAfter, suspendAfter, d, archiveAfter);
  }

  public IdlePolicy withArchiveAfter(Duration d) {
    return new IdlePolicy(idleAfter, suspendAfter, stopAfter, d);
  }

  /** The delay of the step into {@code state} (IDLE, SUSPENDED, STOPPED, ARCHIVED). */
  public Duration after(BranchState state) {
    switch (state) {
      case IDLE:
        return idleAfter;
      case SUSPENDED:
        return suspendAfter;
      case STOPPED:
        return stopAfter;
      case ARCHIVED:
        return archiveAfter;
      default:
        throw new IllegalArgumentException("no idle step leads to " + state);
    }
  }

  /** The deepest enabled step among {@code possible} that is due after {@code quiet}. */
  Optional<BranchState> due(Duration quiet, Set<BranchState> possible) {
    BranchState deepest = null;
    for (BranchState step : STEPS) {
      Duration after = after(step);
      if (possible.contains(step) && !after.isZero() && quiet.compareTo(after) >= 0) {
        deepest = step;
      }
    }
    return Optional.ofNullable(deepest);
  }

  /** How long from now until the next enabled step deeper than {@code current} is due. */
  Optional<Duration> untilNext(Duration quiet, BranchState current, Set<BranchState> possible) {
    Duration soonest = null;
    for (BranchState step : STEPS) {
      Duration after = after(step);
      if (step.depth() > current.depth() && possible.contains(step) && !after.isZero()) {
        Duration left = after.minus(quiet);
        if (left.isNegative()) {
          left = Duration.ZERO;
        }
        if (soonest == null || left.compareTo(soonest) < 0) {
          soonest = left;
        }
      }
    }
    return Optional.ofNullable(soonest);
  }

  private static void check(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + d);
    }
  }
}
