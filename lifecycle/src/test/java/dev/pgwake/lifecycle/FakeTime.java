package dev.pgwake.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told, and a scheduler on it: tasks run on the thread that calls
 * {@link #advance}, each once the clock reaches its time, in time order. Thread-safe.
 */
final class FakeTime {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final AtomicLong nanos = new AtomicLong();
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private final Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return START.plusNanos(nanos.get());
    }
  };
  private final Scheduler scheduler = new Scheduler();

  Clock clock() {
    return clock;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  Instant now() {
    return clock.instant();
  }

  /** Moves the clock forward by {@code d}, running every task that falls due on the way. */
  void advance(Duration d) {
    long target = nanos.get() + d.toNanos();
    while (true) {
      Task next;
      synchronized (tasks) {
        next = tasks.peek();
        if (next == null || next.due > target) {
          break;
        }
        tasks.poll();
      }
      if (next.due > nanos.get()) {
        nanos.set(next.due);
      }
      next.run();
    }
    nanos.set(target);
  }

  /** Tasks waiting, not cancelled. */
  int pending() {
    synchronized (tasks) {
      return (int) tasks.stream().filter(t -> !t.isCancelled()).count();
    }
  }

  private final class Task extends FutureTask<Object> implements ScheduledFuture<Object> {
    final long due;
    final long order = sequence.incrementAndGet();

    Task(Callable<Object> work, long due) {
      super(work);
      this.due = due;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - nanos.get(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      Task o = (Task) other;
      return due != o.due ? Long.compare(due, o.due) : Long.compare(order, o.order);
    }

    @Override
    public Object get() throws InterruptedException, ExecutionException {
      if (!isDone()) {
        throw new IllegalStateException("fake-time tasks cannot be waited for");
      }
      return super.get();
    }
  }

  private final class Scheduler extends AbstractExecutorService implements ScheduledExecutorService {
    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      return schedule(() -> {
        command.run();
        return null;
      }, delay, unit);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      Task task = new Task((Callable<Object>) callable, nanos.get() + Math.max(0, unit.toNanos(delay)));
      synchronized (tasks) {
        tasks.add(task);
      }
      return (ScheduledFuture<V>) task;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void execute(Runnable command) {
      schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
      return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }

}
