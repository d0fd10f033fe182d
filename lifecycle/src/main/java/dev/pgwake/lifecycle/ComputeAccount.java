package dev.pgwake.lifecycle;

import java.time.Duration;
import java.time.Instant;

/**
 * Compute time of one branch beside wall time, over the same period. Compute counts while the
 * compute is up: RUNNING, IDLE, and the transitional RESUMING and SUSPENDING (a starting or stopping
 * server uses the machine too; counting them keeps the saving honest). Wall time is never less than
 * compute time, whatever the clock does. Not thread-safe: the owning {@link Branch} guards it.
 *
 * <p>An account saved by the driver ({@link ComputeUsage}) is continued by {@link #restored}.
 */
final class ComputeAccount {

  private final Instant since;
  private Duration counted;
  private Instant upSince;

  ComputeAccount(Instant since, BranchState initial) {
    this(since, Duration.ZERO, countsAsCompute(initial) ? since : null);
  }

  private ComputeAccount(Instant since, Duration counted, Instant upSince) {
    this.since = since;
    this.counted = counted;
    this.upSince = upSince;
  }

  /**
   * Continues {@code saved} at {@code at}, where the driver found the branch {@code found} and the
   * coordinator now has it {@code current}. The gap from {@code saved.accountedAt()} to {@code at}
   * (pgwake was down, or did not know the branch) counts as wall time, and as compute time only when
   * the driver finds the compute running ({@code found} RUNNING). Nobody watched during the gap, so this
   * is the simplest rule that holds in the usual cases: a pgwake restart leaves running computes running
   * (their whole gap was compute) and sleeping ones asleep (none of it was); and the checkpoints while a
   * compute is up bound what a machine crash, which leaves nothing running, can lose. If something else
   * started or stopped the compute during the gap, the count is off by the part of the gap it could not
   * see. With no {@code accountedAt} the gap is not counted at all.
   */
  static ComputeAccount restored(ComputeUsage saved, Instant at, BranchState found, BranchState current) {
    Duration gap = saved.accountedAt().map(t -> nonNegative(Duration.between(t, at))).orElse(Duration.ZERO);
    Duration compute = countsAsCompute(found) ? saved.compute().plus(gap) : saved.compute();
    Duration wall = saved.wall().plus(gap);
    Instant since = wall.compareTo(Duration.between(Instant.MIN, at)) < 0 ? at.minus(wall) : Instant.MIN;
    return new ComputeAccount(since, compute, countsAsCompute(current) ? at : null);
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

  /** True while compute time grows. */
  boolean up() {
    return upSince != null;
  }

  Duration compute(Instant now) {
    return upSince == null ? counted : counted.plus(nonNegative(Duration.between(upSince, now)));
  }

  Duration wall(Instant now) {
    Duration wall = nonNegative(Duration.between(since, now));
    Duration compute = compute(now);
    return wall.compareTo(compute) < 0 ? compute : wall;
  }

  /** Both counters as of {@code now}, for the driver to keep. */
  ComputeUsage usage(Instant now) {
    return ComputeUsage.at(compute(now), wall(now), now);
  }

  /** Where wall time starts: this pgwake's start, the branch's creation, or earlier for a restored account. */
  Instant since() {
    return since;
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
