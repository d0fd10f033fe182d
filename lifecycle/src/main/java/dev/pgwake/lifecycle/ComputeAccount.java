package dev.pgwake.lifecycle;

import java.time.Duration;
import java.time.Instant;

/**
 * Compute time of one branch beside wall time, over the same period. Compute counts while the
 * compute is up: RUNNING, IDLE, and the transitional RESUMING and SUSPENDING (a starting or stopping
 * server uses the machine too; counting them keeps the saving honest). Not thread-safe: the owning
 * {@link Branch} guards it.
 */
final class ComputeAccount {

  private final Instant since;
  private Duration counted = Duration.ZERO;
  private Instant upSince;

  ComputeAccount(Instant since, BranchState initial) {
    this.since = since;
    this.upSince = countsAsCompute(initial) ? since : null;
  }

  static boolean countsAsCompute(BranchState state) {
    return state == BranchState.RUNNING || state == BranchState.IDLE
        || state == BranchState.RESUMING || state == BranchState.SUSPENDING;
  }

  void enter(BranchState state, Instant now) {
    boolean up = countsAsCompute(state);
    if (up && upSince == null) {
      upSince = now;
    } else if (!up && upSince != null) {
      counted = counted.plus(nonNegative(Duration.between(upSince, now)));
      upSince = null;
    }
  }

  Duration compute(Instant now) {
    return upSince == null ? counted : counted.plus(nonNegative(Duration.between(upSince, now)));
  }

  Duration wall(Instant now) {
    return nonNegative(Duration.between(since, now));
  }

  Instant since() {
    return since;
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
