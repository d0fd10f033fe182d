package dev.pgwake.lifecycle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgwake.lifecycle.ResumeKind;
import dev.pgwake.lifecycle.Wake;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Prints how long each resume kind takes with the local driver, through the coordinator (Wake.took)
 * and to the first row over pgjdbc, median of a few rounds. Reports only: speed is measured in
 * benchmarks, never asserted here; the assertions check that each round did what it says.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ResumeTimingTest {

  private static final int ROUNDS = 7;

  @Test
  void printsMedianResumeTimes() throws Exception {
    try (LocalBranches local = LocalBranches.create()) {
      local.wake("main");
      local.execute("main", "create table t (v int); insert into t values (1)");
      report("hot ", ResumeKind.HOT, local, () -> sleep(local, () -> local.branches.suspend("main")));
      report("warm", ResumeKind.WARM, local, () -> sleep(local, () -> local.branches.stop("main")));
      report("cold", ResumeKind.COLD, local, () -> sleep(local, () -> local.branches.archive("main")));
    }
  }

  private static long sleep(LocalBranches local, java.util.function.Supplier<java.util.concurrent.CompletableFuture<Void>> op) {
    long t0 = System.nanoTime();
    try {
      LocalBranches.get(op.get());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return System.nanoTime() - t0;
  }

  private static void report(String label, ResumeKind kind, LocalBranches local, LongSupplier putToSleep)
      throws Exception {
    List<Long> sleeps = new ArrayList<>();
    List<Long> wakes = new ArrayList<>();
    List<Long> firstRows = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      sleeps.add(putToSleep.getAsLong());
      long t0 = System.nanoTime();
      Wake wake = local.wake("main");
      long woke = System.nanoTime();
      assertEquals(kind, wake.kind());
      assertEquals(List.of("1"), local.rows("main", "select v from t"));
      firstRows.add(System.nanoTime() - t0);
      wakes.add(woke - t0);
    }
    System.out.printf("[timing] %s resume: wake %.1f ms, wake + connect + first row %.1f ms (going to sleep %.1f ms),"
        + " median of %d%n", label, median(wakes), median(firstRows), median(sleeps), ROUNDS);
  }

  private static double median(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2) / 1e6;
  }
}
