package dev.pgwake.lifecycle;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a branch is in its life. Resting states, from awake to deepest asleep: {@link #RUNNING},
 * {@link #IDLE}, {@link #SUSPENDED}, {@link #STOPPED}, {@link #ARCHIVED}. Transitional: {@link
 * #RESUMING} and {@link #SUSPENDING} (which also covers stopping, archiving and dropping: the target is
 * kept beside the state). {@link #FAILED}: the last wake or sleep failed; the next wake asks the
 * driver what the compute really is and tries again.
 *
 * <p>The legal transitions are the table in {@link #canMoveTo}; everything else is a bug.
 */
public enum BranchState {
  /** Serving: its compute runs and server connections may be open. */
  RUNNING(0),
  /** Running, but no transaction for {@code idle_after}: server connections are closed. */
  IDLE(1),
  /** Compute frozen (SIGSTOP, pause): memory kept, no CPU. Hot resume. */
  SUSPENDED(2),
  /** Compute process gone, data on local disk. Warm resume. */
  STOPPED(3),
  /** No local compute or data, only the stored snapshot. Cold resume. */
  ARCHIVED(4),
  /** A wake is in progress; callers wait for it. */
  RESUMING(-1),
  /** Going to sleep (suspend, stop, archive) or being dropped; callers that arrive wait, then wake it. */
  SUSPENDING(-1),
  /** The last wake or sleep failed; the next {@code ensureRunning} tries again. */
  FAILED(-1);

  private static final Map<BranchState, Set<BranchState>> NEXT = Map.of(
      RUNNING, EnumSet.of(IDLE, SUSPENDING, FAILED),
      IDLE, EnumSet.of(RUNNING, SUSPENDING, FAILED),
      SUSPENDED, EnumSet.of(RESUMING, SUSPENDING),
      STOPPED, EnumSet.of(RESUMING, SUSPENDING),
      ARCHIVED, EnumSet.of(RESUMING, SUSPENDING),
      RESUMING, EnumSet.of(RUNNING, FAILED),
      SUSPENDING, EnumSet.of(SUSPENDED, STOPPED, ARCHIVED, FAILED),
      FAILED, EnumSet.of(RESUMING, SUSPENDING));

  private final int depth;

  BranchState(int depth) {
    this.depth = depth;
  }

  /** True when this table allows {@code this -> next}. */
  public boolean canMoveTo(BranchState next) {
    return NEXT.get(this).contains(next);
  }

  /** The states this one may move to. */
  public Set<BranchState> next() {
    return EnumSet.copyOf(NEXT.get(this));
  }

  /** True for the resting states and {@link #FAILED}: nothing is in progress. */
  public boolean isSettled() {
    return this != RESUMING && this != SUSPENDING;
  }

  /**
   * How deep asleep a resting state is: RUNNING 0, IDLE 1, SUSPENDED 2, STOPPED 3, ARCHIVED 4; -1 for
   * the others.
   */
  public int depth() {
    return depth;
  }

  /** Lower-case name, as shown by SHOW BRANCHES. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
