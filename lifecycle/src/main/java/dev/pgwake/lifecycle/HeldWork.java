package dev.pgwake.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The coordinator's workers, seen through a hold: work handed over while the calling thread holds (see {@link
 * #holding}) waits until the hold ends, then goes to the workers in order. A wake settles inside a hold, so the
 * threads its side work wakes (listeners, the compute account) do not take the CPU from the thread that is about to
 * tell the waiting clients.
 */
final class HeldWork implements Executor {

  private final Executor workers;
  private final ThreadLocal<List<Runnable>> held = new ThreadLocal<>();

  HeldWork(Executor workers) {
    this.workers = workers;
  }

  @Override
  public void execute(Runnable task) {
    List<Runnable> waiting = held.get();
    if (waiting != null) {
      waiting.add(task);
    } else {
      workers.execute(task);
    }
  }

  /** Runs {@code body}; what it hands to the workers (on this thread) goes to them afterwards. */
  void holding(Runnable body) {
    if (held.get() != null) {
      body.run();
      return;
    }
    List<Runnable> waiting = new ArrayList<>(4);
    held.set(waiting);
    try {
      body.run();
    } finally {
      held.remove();
      waiting.forEach(workers::execute);
    }
  }
}
