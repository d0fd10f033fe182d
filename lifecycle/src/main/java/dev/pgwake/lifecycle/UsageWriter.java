package dev.pgwake.lifecycle;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Hands the branches' compute accounts to the driver ({@link ComputeDriver#saveUsage}) on worker
 * threads, never the caller's: per branch one write at a time, in the order the accounts were queued;
 * an account queued while another is written replaces any older one still waiting, so a burst of state
 * changes costs at most two writes. {@link Branch} queues under its monitor, so the queue order is the
 * order the accounts were taken in and the driver never sees a branch's time go backwards. {@link
 * #close} waits, bounded, for what is queued and refuses the rest. Thread-safe: the writer's own locks
 * are never held while a branch's monitor is taken or the driver is called.
 */
final class UsageWriter {

  private static final System.Logger LOG = System.getLogger(UsageWriter.class.getName());

  private final ComputeDriver driver;
  private final Executor workers;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  private volatile boolean closed;

  UsageWriter(ComputeDriver driver, Executor workers) {
    this.driver = driver;
    this.workers = workers;
  }

  /** Queues {@code usage} as the branch's newest account; ignored once closed. */
  void save(String branch, ComputeUsage usage) {
    if (closed) {
      return;
    }
    Slot slot = slots.computeIfAbsent(branch, k -> new Slot());
    synchronized (slot) {
      slot.pending = usage;
      if (slot.writing) {
        return;
      }
      slot.writing = true;
    }
    try {
      workers.execute(() -> drain(branch, slot));
    } catch (RejectedExecutionException e) {
      LOG.log(Level.WARNING, "branch " + branch + ": compute time not saved, the coordinator's workers are gone");
      slot.idle();
    }
  }

  boolean closed() {
    return closed;
  }

  /**
   * Refuses further accounts and waits up to {@code timeout} for the queued ones to be written. A write
   * that waits for a long driver operation on its branch may pass the deadline: it finishes in the
   * background, and until then the catalog holds the previous account (a restart counts the time since
   * by the rule of {@link ComputeAccount#restored}).
   */
  void close(Duration timeout) {
    closed = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> late = new ArrayList<>();
    slots.forEach((branch, slot) -> {
      if (!slot.awaitIdle(deadline)) {
        late.add(branch);
      }
    });
    if (!late.isEmpty()) {
      LOG.log(Level.WARNING, "compute time of branch(es) " + late + " not saved within " + timeout.toMillis()
          + " ms of closing: the driver is busy with them; the last saved account stays in force");
    }
  }

  private void drain(String branch, Slot slot) {
    while (true) {
      ComputeUsage next;
      synchronized (slot) {
        next = slot.pending;
        slot.pending = null;
        if (next == null) {
          slot.writing = false;
          slot.notifyAll();
          return;
        }
      }
      write(branch, slot, next);
    }
  }

  private void write(String branch, Slot slot, ComputeUsage usage) {
    try {
      driver.saveUsage(branch, usage);
      if (slot.failing) {
        slot.failing = false;
        LOG.log(Level.INFO, "branch " + branch + ": its compute time is saved again");
      }
    } catch (RuntimeException e) {
      if (!slot.failing) {
        slot.failing = true;
        LOG.log(Level.WARNING, "branch " + branch + ": cannot save its compute time (retried at the next"
            + " state change or checkpoint; further failures are logged at DEBUG)", e);
      } else {
        LOG.log(Level.DEBUG, "branch " + branch + ": cannot save its compute time: " + e);
      }
    }
  }

  /** One branch's queue: the account waiting, and whether a worker is writing. */
  private static final class Slot {
    private ComputeUsage pending;
    private boolean writing;
    /** Touched only by the one thread writing at a time. */
    private volatile boolean failing;

    synchronized void idle() {
      writing = false;
      notifyAll();
    }

    synchronized boolean awaitIdle(long deadline) {
      try {
        long left;
        while (writing && (left = deadline - System.nanoTime()) > 0) {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return !writing;
    }
  }
}
