package dev.pgwake.lifecycle;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the proxy hears from {@link Branches}. Every method has a do-nothing default. Calls come from
 * the coordinator's threads, never while it holds a lock, so a listener may call back into it; it
 * should return quickly (hand work to its own event loop).
 */
public interface BranchListener {

  /**
   * The branch is about to become {@code target} (IDLE, SUSPENDED, STOPPED or ARCHIVED; STOPPED also
   * before a drop): close its server connections. For SUSPENDED and deeper the coordinator waits for
   * the returned stage (at most {@code sleep_grace}) before it asks the driver; for IDLE it does not
   * wait. Clients stay connected to pgwake: their next query wakes the branch.
   */
  default CompletionStage<Void> beforeSleep(String branch, BranchState target) {
    return CompletableFuture.completedFuture(null);
  }

  /** The branch moved from {@code from} to {@code to}; in order, per branch. */
  default void stateChanged(String branch, BranchState from, BranchState to) {
  }

  /** A wake finished: {@code wake} on success, else {@code failure} (with its SQLSTATE). */
  default void woke(String branch, Wake wake, LifecycleException failure) {
  }

  /** The branch was dropped. */
  default void dropped(String branch) {
  }
}
