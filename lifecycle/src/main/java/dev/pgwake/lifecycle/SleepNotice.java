package dev.pgwake.lifecycle;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tells the listeners that a branch is about to sleep ({@link BranchListener#beforeSleep}) and waits,
 * at most {@code sleep_grace}, until they have closed its server connections. A listener that fails or
 * overruns is logged; the sleep goes ahead.
 */
final class SleepNotice {

  private static final System.Logger LOG = System.getLogger(SleepNotice.class.getName());

  private SleepNotice() {
  }

  static CompletableFuture<Void> send(Coordination co, String branch, BranchState target) {
    List<CompletableFuture<Void>> answers = new ArrayList<>();
    for (BranchListener listener : co.notifications.listeners()) {
      try {
        answers.add(listener.beforeSleep(branch, target).toCompletableFuture().exceptionally(e -> {
          LOG.log(Level.WARNING, "branch " + branch + ": listener failed before " + target.label(), e);
          return null;
        }));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "branch " + branch + ": listener failed before " + target.label(), e);
      }
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
    if (all.isDone()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> bounded = new CompletableFuture<>();
    all.whenComplete((v, e) -> bounded.complete(null));
    ScheduledFuture<?> grace = co.scheduler.schedule(() -> {
      if (bounded.complete(null)) {
        LOG.log(Level.WARNING, "branch " + branch + ": listeners did not close server connections within "
            + co.sleepGrace.toMillis() + " ms; going " + target.label() + " anyway");
      }
    }, co.sleepGrace.toNanos(), TimeUnit.NANOSECONDS);
    bounded.whenComplete((v, e) -> grace.cancel(false));
    return bounded;
  }
}
