package dev.pgwake.lifecycle;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The coordinator's listeners, told in order: events are queued while a branch's lock is held (so
 * their order is the order of the transitions) and delivered one at a time on a worker thread, never
 * under a lock. A listener that throws is logged and does not stop the others.
 */
final class Notifications {

  private static final System.Logger LOG = System.getLogger(Notifications.class.getName());

  private final List<BranchListener> listeners = new CopyOnWriteArrayList<>();
  private final Queue<Consumer<BranchListener>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final Executor workers;

  Notifications(Executor workers) {
    this.workers = workers;
  }

  void add(BranchListener listener) {
    listeners.add(listener);
  }

  List<BranchListener> listeners() {
    return listeners;
  }

  /** Queues {@code event} for every listener; safe to call under a lock. */
  void publish(Consumer<BranchListener> event) {
    queue.add(event);
    if (draining.compareAndSet(false, true)) {
      workers.execute(this::drain);
    }
  }

  private void drain() {
    while (true) {
      Consumer<BranchListener> event;
      while ((event = queue.poll()) != null) {
        for (BranchListener listener : listeners) {
          try {
            event.accept(listener);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "branch listener " + listener + " failed", e);
          }
        }
      }
      draining.set(false);
      if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
        return;
      }
    }
  }
}
