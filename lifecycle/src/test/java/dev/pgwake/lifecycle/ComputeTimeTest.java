package dev.pgwake.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Compute and wall time across restarts, over a fake driver that keeps what it is given to save, on
 * fake time: what is saved when, how a saved account continues, and wall never below compute.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ComputeTimeTest {

  private static final long WAIT_SECONDS = 10;

  private final FakeTime time = new FakeTime();
  private final Instant start = time.now();
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final FakeDriver driver =
      new FakeDriver(new ArrayList<>(), EnumSet.of(BranchState.SUSPENDED, BranchState.STOPPED), true);
  private final List<Branches> started = new ArrayList<>();

  @AfterEach
  void shutDown() {
    started.forEach(Branches::close);
    workers.shutdownNow();
  }

  private Branches start() {
    Branches branches = Branches.builder(driver).clock(time.clock()).scheduler(time.scheduler()).workers(workers)
        .policy(IdlePolicy.never()).checkpointEvery(Duration.ofSeconds(10)).build();
    started.add(branches);
    return branches;
  }

  private static Optional<ComputeUsage> saved(long compute, long wall, Instant at) {
    return Optional.of(ComputeUsage.at(Duration.ofSeconds(compute), Duration.ofSeconds(wall), at));
  }

  @Test
  void theTimeAwayCountsAsWallTimeAndAsComputeTimeOnlyForAComputeFoundRunning() {
    Optional<ComputeUsage> before = saved(100, 400, start.minusSeconds(60));
    driver.with("up", BranchState.RUNNING, before).with("frozen", BranchState.SUSPENDED, before)
        .with("down", BranchState.STOPPED, before);
    Branches branches = start();

    assertAccount(branches, "up", 160, 460);
    assertAccount(branches, "frozen", 100, 460);
    assertAccount(branches, "down", 100, 460);
    assertEquals(start.minusSeconds(460), branches.info("up").orElseThrow().tracked(), "counting started back then");

    time.advance(Duration.ofSeconds(10));
    assertAccount(branches, "up", 170, 470);
    assertAccount(branches, "down", 100, 470);
  }

  @Test
  void anAccountWhoseTimeIsUnknownContinuesWithoutTheGap() {
    driver.with("main", BranchState.RUNNING,
        Optional.of(new ComputeUsage(Duration.ofSeconds(100), Duration.ofSeconds(400), Optional.empty())));
    Branches branches = start();
    assertAccount(branches, "main", 100, 400);
    time.advance(Duration.ofSeconds(5));
    assertAccount(branches, "main", 105, 405);
  }

  @Test
  void aRestartContinuesFromWhatTheFirstCoordinatorSavedAtClose() throws Exception {
    driver.with("main", BranchState.RUNNING).with("dev", BranchState.RUNNING);
    Branches first = start();
    time.advance(Duration.ofSeconds(30));
    first.stop("dev").get(WAIT_SECONDS, TimeUnit.SECONDS);
    time.advance(Duration.ofSeconds(35));
    first.close();
    assertEquals(ComputeUsage.at(Duration.ofSeconds(65), Duration.ofSeconds(65), start.plusSeconds(65)),
        last("main"), "written before close returned");
    assertEquals(ComputeUsage.at(Duration.ofSeconds(30), Duration.ofSeconds(65), start.plusSeconds(65)), last("dev"));

    time.advance(Duration.ofSeconds(100)); // pgwake is down; main's server keeps running, dev stays stopped
    Branches second = start();
    assertAccount(second, "main", 165, 165);
    assertAccount(second, "dev", 30, 165);
    assertEquals(start, second.info("dev").orElseThrow().tracked());
    time.advance(Duration.ofSeconds(5));
    assertAccount(second, "main", 170, 170);
    assertAccount(second, "dev", 30, 170);
  }

  @Test
  void theAccountIsSavedAtStateChangesEveryCheckpointWhileUpAndAtClose() throws Exception {
    driver.with("main", BranchState.RUNNING);
    Branches branches = start();
    time.advance(Duration.ofSeconds(9));
    assertEquals(List.of(), driver.saved("main"), "no state change, no checkpoint yet");
    time.advance(Duration.ofSeconds(1));
    awaitTrue(() -> driver.saved("main").size() == 1, "the first checkpoint");
    assertEquals(ComputeUsage.at(Duration.ofSeconds(10), Duration.ofSeconds(10), start.plusSeconds(10)), last("main"));
    time.advance(Duration.ofSeconds(10));
    awaitTrue(() -> driver.saved("main").size() == 2, "the second checkpoint");

    branches.suspend("main").get(WAIT_SECONDS, TimeUnit.SECONDS);
    ComputeUsage asleep = ComputeUsage.at(Duration.ofSeconds(20), Duration.ofSeconds(20), start.plusSeconds(20));
    awaitTrue(() -> asleep.equals(last("main")), "saved at the state changes");
    int saves = driver.saved("main").size();
    assertEquals(0, time.pending(), "no checkpoint while the compute is down");
    time.advance(Duration.ofMinutes(1));
    // a write of the state change may still land (the writer coalesces to at most two), but no checkpoint
    // counts the minute asleep: everything saved from here on is the account as it was at the suspend
    assertTrue(driver.saved("main").stream().skip(saves - 1).allMatch(asleep::equals), driver.saved("main").toString());

    branches.close();
    assertEquals(ComputeUsage.at(Duration.ofSeconds(20), Duration.ofSeconds(80), start.plusSeconds(80)), last("main"));
  }

  @Test
  void writesForOneBranchComeInOrderAndABurstCostsTwo() throws Exception {
    driver.with("main", BranchState.RUNNING).hold("saveUsage");
    Branches branches = start();
    time.advance(Duration.ofSeconds(10));
    assertTrue(driver.awaitEntered("saveUsage"), "the checkpoint's write started and is held");
    time.advance(Duration.ofSeconds(5));
    branches.suspend("main").get(WAIT_SECONDS, TimeUnit.SECONDS);
    time.advance(Duration.ofSeconds(5));
    branches.ensureRunning("main").get(WAIT_SECONDS, TimeUnit.SECONDS);
    driver.release("saveUsage");

    ComputeUsage newest = ComputeUsage.at(Duration.ofSeconds(15), Duration.ofSeconds(20), start.plusSeconds(20));
    awaitTrue(() -> newest.equals(last("main")), "the newest account written");
    assertEquals(2, driver.count("saveUsage"), "four state changes while a write was held: one more write");
    assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(20)),
        driver.saved("main").stream().map(ComputeUsage::wall).toList());
  }

  @Test
  void aFailedWriteIsLoggedAndTheNextOneStillHappens() throws Exception {
    driver.with("main", BranchState.RUNNING).failNext("saveUsage", new LifecycleException("58030", "disk full"));
    Branches branches = start();
    time.advance(Duration.ofSeconds(10));
    awaitTrue(() -> driver.count("saveUsage") == 1, "the failed write");
    time.advance(Duration.ofSeconds(10));
    awaitTrue(() -> driver.saved("main").size() == 1, "the next checkpoint");
    assertEquals(Duration.ofSeconds(20), last("main").compute());
    assertEquals(BranchState.RUNNING, branches.info("main").orElseThrow().state());
  }

  @Test
  void aBranchTheCoordinatorMeetsLaterContinuesItsSavedAccount() throws Exception {
    Branches branches = start();
    driver.with("late", BranchState.STOPPED, saved(100, 400, start.minusSeconds(60)));
    assertEquals(ResumeKind.WARM, branches.ensureRunning("late").get(WAIT_SECONDS, TimeUnit.SECONDS).kind());
    assertAccount(branches, "late", 100, 460);
    time.advance(Duration.ofSeconds(10));
    assertAccount(branches, "late", 110, 470);
  }

  @Test
  void aDamagedAccountWithMoreComputeThanWallIsReadAsAllCompute() {
    ComputeUsage damaged = new ComputeUsage(Duration.ofSeconds(500), Duration.ofSeconds(100),
        Optional.of(start.minusSeconds(60)));
    assertEquals(Duration.ofSeconds(500), damaged.wall());
    driver.with("main", BranchState.RUNNING, Optional.of(damaged));
    assertAccount(start(), "main", 560, 560);
  }

  @Test
  void wallTimeIsNeverLessThanComputeTimeWhateverTheClockAndTheStatesDo() {
    Random random = new Random(20300101);
    BranchState[] states = BranchState.values();
    for (int run = 0; run < 200; run++) {
      Instant now = start;
      ComputeAccount account = random.nextBoolean()
          ? new ComputeAccount(now, states[random.nextInt(states.length)])
          : ComputeAccount.restored(new ComputeUsage(Duration.ofSeconds(random.nextInt(1000)),
              Duration.ofSeconds(random.nextInt(1000)), Optional.of(now.minusSeconds(random.nextInt(2000) - 500))),
              now, states[random.nextInt(states.length)], states[random.nextInt(states.length)]);
      for (int step = 0; step < 50; step++) {
        now = now.plusMillis(random.nextInt(20_000) - 5_000); // the clock may step back
        if (random.nextBoolean()) {
          account.enter(states[random.nextInt(states.length)], now);
        }
        Duration compute = account.compute(now);
        Duration wall = account.wall(now);
        assertTrue(wall.compareTo(compute) >= 0, "run " + run + " step " + step + ": wall " + wall + " < compute "
            + compute);
        ComputeUsage usage = account.usage(now);
        assertTrue(usage.wall().compareTo(usage.compute()) >= 0);
      }
    }
  }

  private ComputeUsage last(String branch) {
    List<ComputeUsage> all = driver.saved(branch);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  private static void assertAccount(Branches branches, String branch, long compute, long wall) {
    BranchInfo info = branches.info(branch).orElseThrow();
    assertEquals(Duration.ofSeconds(compute), info.compute(), branch + " compute");
    assertEquals(Duration.ofSeconds(wall), info.wall(), branch + " wall");
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what);
      }
      Thread.sleep(2);
    }
  }
}
