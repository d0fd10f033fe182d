package dev.pgwake.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The coordinator over a fake driver, on fake time: single flight, timeouts, failures, the idle policy. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BranchesTest {

  private static final long WAIT_SECONDS = 10;

  private final FakeTime time = new FakeTime();
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final FakeDriver driver =
      new FakeDriver(log, EnumSet.of(BranchState.SUSPENDED, BranchState.STOPPED, BranchState.ARCHIVED), true);
  private Branches branches;

  @AfterEach
  void shutDown() {
    if (branches != null) {
      branches.close();
    }
    workers.shutdownNow();
  }

  private Branches start(UnaryOperator<Branches.Builder> settings) {
    branches = settings.apply(Branches.builder(driver)
        .clock(time.clock()).scheduler(time.scheduler()).workers(workers)).build();
    return branches;
  }

  private Branches start() {
    return start(b -> b);
  }

  // ---- single flight --------------------------------------------------------------------------

  @Test
  void twoHundredConcurrentCallersOfASuspendedBranchShareOneHotResume() throws Exception {
    driver.with("main", BranchState.SUSPENDED).hold("resumeHot");
    start();
    ExecutorService callers = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<CompletableFuture<Wake>>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> {
        await(go);
        return branches.ensureRunning("main");
      }, callers));
    }
    go.countDown();
    List<CompletableFuture<Wake>> wakes = new ArrayList<>();
    for (CompletableFuture<CompletableFuture<Wake>> call : calls) {
      wakes.add(call.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }
    assertTrue(driver.awaitEntered("resumeHot"));
    assertTrue(wakes.stream().noneMatch(CompletableFuture::isDone), "nobody may finish before the resume");
    assertEquals(BranchState.RESUMING, state("main"));

    driver.release("resumeHot");
    for (CompletableFuture<Wake> wake : wakes) {
      Wake w = wake.get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertEquals(ResumeKind.HOT, w.kind());
      assertEquals(wakes.get(0).get(), w);
    }
    assertEquals(1, driver.count("resumeHot"));
    assertEquals(BranchState.RUNNING, state("main"));
    assertEquals(Optional.of(ResumeKind.HOT), branches.info("main").orElseThrow().lastResume());
    callers.shutdownNow();
  }

  @Test
  void aRunningBranchAnswersAtOnceWithoutTheDriver() throws Exception {
    driver.with("main", BranchState.RUNNING);
    start();
    CompletableFuture<Wake> wake = branches.ensureRunning("main");
    assertTrue(wake.isDone());
    assertEquals(ResumeKind.NONE, wake.get().kind());
    assertEquals(Duration.ZERO, wake.get().took());
    assertEquals(List.of(), driver.log());
  }

  @Test
  void aCallerArrivingDuringASuspendWaitsForItThenWakesTheBranch() throws Exception {
    driver.with("main", BranchState.RUNNING).hold("suspend");
    start();
    CompletableFuture<Void> suspend = branches.suspend("main");
    assertTrue(driver.awaitEntered("suspend"));
    assertEquals(BranchState.SUSPENDING, state("main"));

    CompletableFuture<Wake> wake = branches.ensureRunning("main");
    assertFalse(wake.isDone(), "must wait for the suspend");
    assertEquals(BranchState.SUSPENDING, state("main"));
    assertEquals(0, driver.count("resumeHot"));

    driver.release("suspend");
    suspend.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(ResumeKind.HOT, wake.get(WAIT_SECONDS, TimeUnit.SECONDS).kind());
    assertEquals(List.of("suspend main", "resumeHot main"), driver.log());
    assertEquals(BranchState.RUNNING, state("main"));
  }

  @Test
  void aCallerThatCancelsDoesNotCancelTheWake() throws Exception {
    driver.with("main", BranchState.STOPPED).hold("resumeWarm");
    start();
    CompletableFuture<Wake> leaving = branches.ensureRunning("main");
    CompletableFuture<Wake> staying = branches.ensureRunning("main");
    assertTrue(driver.awaitEntered("resumeWarm"));
    assertTrue(leaving.cancel(true));

    driver.release("resumeWarm");
    assertEquals(ResumeKind.WARM, staying.get(WAIT_SECONDS, TimeUnit.SECONDS).kind());
    assertTrue(leaving.isCancelled());
    assertEquals(1, driver.count("resumeWarm"));
    assertEquals(BranchState.RUNNING, state("main"));
  }

  @Test
  void aWakeTellsItsWaitersBeforeItHandsItsSideWorkToTheWorkers() throws Exception {
    driver.with("main", BranchState.STOPPED).hold("resumeWarm");
    AtomicReference<CompletableFuture<Wake>> watched = new AtomicReference<>();
    List<Boolean> toldAtHandOver = Collections.synchronizedList(new ArrayList<>());
    start(b -> b.workers(task -> {
      CompletableFuture<Wake> wake = watched.get();
      if (wake != null) {
        toldAtHandOver.add(wake.isDone());
      }
      workers.execute(task);
    }));
    CompletableFuture<Wake> wake = branches.ensureRunning("main");
    assertTrue(driver.awaitEntered("resumeWarm"));
    ThreadPoolExecutor pool = (ThreadPoolExecutor) workers;
    awaitTrue(() -> pool.getActiveCount() == 1, "only the resume's worker busy"); // RESUMING's own side work done

    watched.set(wake);
    driver.release("resumeWarm");
    assertEquals(ResumeKind.WARM, wake.get(WAIT_SECONDS, TimeUnit.SECONDS).kind());
    awaitTrue(() -> !toldAtHandOver.isEmpty(), "the transition to RUNNING hands work to the workers");
    assertEquals(List.of(), toldAtHandOver.stream().filter(told -> !told).toList(),
        "work handed over before the waiters were told: " + toldAtHandOver);
  }

  @Test
  void wakeTimeoutFailsEveryWaiterTogetherWith57P03() throws Exception {
    driver.with("main", BranchState.SUSPENDED).hold("resumeHot");
    start(b -> b.wakeTimeout(Duration.ofSeconds(30)));
    List<CompletableFuture<Wake>> wakes = List.of(
        branches.ensureRunning("main"), branches.ensureRunning("main"), branches.ensureRunning("main"));
    assertTrue(driver.awaitEntered("resumeHot"));

    time.advance(Duration.ofSeconds(29));
    assertTrue(wakes.stream().noneMatch(CompletableFuture::isDone));
    time.advance(Duration.ofSeconds(1));
    for (CompletableFuture<Wake> wake : wakes) {
      LifecycleException e = failure(wake);
      assertEquals("57P03", e.sqlState());
      assertTrue(e.getMessage().contains("\"main\""), e.getMessage());
      assertTrue(e.getMessage().contains("hot resume"), e.getMessage());
      assertTrue(e.getMessage().contains("30000 ms"), e.getMessage());
    }
    assertEquals(BranchState.RESUMING, state("main"), "the resume itself goes on");

    driver.release("resumeHot");
    awaitState("main", BranchState.RUNNING);
    assertEquals(ResumeKind.NONE, branches.ensureRunning("main").get(WAIT_SECONDS, TimeUnit.SECONDS).kind());
    assertEquals(1, driver.count("resumeHot"));
  }

  @Test
  void aNewWakeTimeoutAppliesToWakesThatBeginAfterIt() throws Exception {
    driver.with("main", BranchState.SUSPENDED).hold("resumeHot");
    driver.with("dev", BranchState.SUSPENDED).hold("resumeHot");
    start(b -> b.wakeTimeout(Duration.ofSeconds(30)));
    CompletableFuture<Wake> underWay = branches.ensureRunning("main");
    assertTrue(driver.awaitEntered("resumeHot"));

    branches.setWakeTimeout(Duration.ofSeconds(5));
    assertThrows(IllegalArgumentException.class, () -> branches.setWakeTimeout(Duration.ZERO));
    CompletableFuture<Wake> later = branches.ensureRunning("dev");
    time.advance(Duration.ofSeconds(5));
    LifecycleException e = failure(later);
    assertTrue(e.getMessage().contains("5000 ms"), e.getMessage());
    assertFalse(underWay.isDone(), "a wake under way keeps the deadline it began with");
    time.advance(Duration.ofSeconds(25));
    assertTrue(failure(underWay).getMessage().contains("30000 ms"));
    driver.release("resumeHot");
  }

  @Test
  void waitersThatTimeOutDuringASuspendStillGetTheBranchWokenForTheirRetry() throws Exception {
    driver.with("main", BranchState.RUNNING).hold("suspend");
    start(b -> b.wakeTimeout(Duration.ofSeconds(30)));
    branches.suspend("main");
    assertTrue(driver.awaitEntered("suspend"));
    CompletableFuture<Wake> wake = branches.ensureRunning("main");
    time.advance(Duration.ofSeconds(30));
    LifecycleException e = failure(wake);
    assertEquals("57P03", e.sqlState());
    assertTrue(e.getMessage().contains("still going to sleep"), e.getMessage());

    driver.release("suspend");
    awaitState("main", BranchState.RUNNING);
    assertEquals(List.of("suspend main", "resumeHot main"), driver.log());
  }

  @Test
  void anOperatorSuspendDuringAWakeWaitsForTheWakeThenSuspends() throws Exception {
    driver.with("main", BranchState.STOPPED).hold("resumeWarm");
    start();
    CompletableFuture<Wake> wake = branches.ensureRunning("main");
    assertTrue(driver.awaitEntered("resumeWarm"));
    CompletableFuture<Void> suspend = branches.suspend("main");
    assertFalse(suspend.isDone());
    driver.release("resumeWarm");
    assertEquals(ResumeKind.WARM, wake.get(WAIT_SECONDS, TimeUnit.SECONDS).kind());
    suspend.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(BranchState.SUSPENDED, state("main"));
    assertEquals(List.of("resumeWarm main", "suspend main"), driver.log());
  }

  @Test
  void aCallerWaitingDuringADropGets3D000() throws Exception {
    driver.with("main", BranchState.RUNNING).with("dev", BranchState.RUNNING).hold("drop");
    start();
    CompletableFuture<Void> drop = branches.drop("dev", false);
    assertTrue(driver.awaitEntered("drop"));
    CompletableFuture<Wake> wake = branches.ensureRunning("dev");
    driver.release("drop");
    drop.get(WAIT_SECONDS, TimeUnit.SECONDS);
    LifecycleException e = failure(wake);
    assertEquals("3D000", e.sqlState());
    assertTrue(e.getMessage().contains("dropped"), e.getMessage());
  }

  @Test
  void aFailedWakeFailsItsWaitersAndTheNextCallTriesAgain() throws Exception {
    driver.with("main", BranchState.STOPPED);
    driver.failNext("resumeWarm", new LifecycleException("58000", "disk on fire"));
    start();
    LifecycleException e = failure(branches.ensureRunning("main"));
    assertEquals("57P03", e.sqlState());
    assertTrue(e.getMessage().contains("\"main\"") && e.getMessage().contains("warm resume")
        && e.getMessage().contains("disk on fire"), e.getMessage());
    assertEquals(BranchState.FAILED, state("main"));
    assertTrue(branches.info("main").orElseThrow().failure().orElseThrow().contains("disk on fire"));

    Wake retry = branches.ensureRunning("main").get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(ResumeKind.WARM, retry.kind());
    assertEquals(List.of("resumeWarm main", "find main", "resumeWarm main"), driver.log());
    assertEquals(BranchState.RUNNING, state("main"));
    assertEquals(Optional.empty(), branches.info("main").orElseThrow().failure());
  }

  // ---- the early endpoint -------------------------------------------------------------------------

  @Test
  void aWarmWakeSaysItsEndpointBeforeItEndsAndNoBranchAtRestDoes() throws Exception {
    driver.with("main", BranchState.STOPPED).with("frozen", BranchState.SUSPENDED).hold("resumeWarm");
    start();
    assertNull(branches.earlyEndpoint("main"), "no wake in flight");
    assertNull(branches.earlyEndpoint("frozen"), "this driver does not keep a suspended compute's endpoint");
    CompletableFuture<Wake> wake = branches.ensureRunning("main");
    CompletionStage<Endpoint> early = branches.earlyEndpoint("main");
    assertTrue(driver.awaitEntered("resumeWarm"));
    Endpoint at = early.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertFalse(wake.isDone(), "the early word comes before the wake's end");

    driver.release("resumeWarm");
    assertEquals(at, wake.get(WAIT_SECONDS, TimeUnit.SECONDS).endpoint());
    assertNull(branches.earlyEndpoint("main"), "a running branch has none");
  }

  @Test
  void anEarlyEndpointTheDriverNeverSaidEndsWithTheWakeWithoutAValue() throws Exception {
    driver.with("main", BranchState.ARCHIVED).hold("resumeCold"); // the fake says nothing early for cold
    start();
    CompletableFuture<Wake> wake = branches.ensureRunning("main");
    CompletableFuture<Endpoint> early = branches.earlyEndpoint("main").toCompletableFuture();
    assertTrue(driver.awaitEntered("resumeCold"));
    driver.release("resumeCold");
    assertEquals(ResumeKind.COLD, wake.get(WAIT_SECONDS, TimeUnit.SECONDS).kind());
    Throwable ended = early.handle((value, error) -> error).get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertInstanceOf(java.util.concurrent.CancellationException.class, WakeErrors.unwrap(ended),
        "whoever waits for the word is let go, not kept forever");
  }

  // ---- the idle policy --------------------------------------------------------------------------

  @Test
  void aQuietBranchStepsDownIdleSuspendedStoppedArchived() throws Exception {
    driver.with("main", BranchState.RUNNING);
    start(b -> b.policy(IdlePolicy.defaults().withArchiveAfter(Duration.ofHours(2))));
    branches.addListener(recorder());

    time.advance(Duration.ofSeconds(29));
    assertEquals(BranchState.RUNNING, state("main"));
    time.advance(Duration.ofSeconds(1));
    assertEquals(BranchState.IDLE, state("main"));
    awaitTrue(() -> log.contains("beforeSleep main idle"), "listener told to close connections");

    time.advance(Duration.ofMinutes(4).plusSeconds(30));
    awaitState("main", BranchState.SUSPENDED);
    time.advance(Duration.ofMinutes(55));
    awaitState("main", BranchState.STOPPED);
    time.advance(Duration.ofMinutes(59));
    assertEquals(BranchState.STOPPED, state("main"));
    time.advance(Duration.ofMinutes(1));
    awaitState("main", BranchState.ARCHIVED);

    assertEquals(List.of("beforeSleep main idle", "beforeSleep main suspended", "suspend main",
        "beforeSleep main stopped", "stop main", "beforeSleep main archived", "archive main"), List.copyOf(log));
    assertEquals(0, time.pending(), "nothing left to do");
  }

  @Test
  void activityKeepsABranchAwakeAndTheDelaysCountFromItsEnd() throws Exception {
    driver.with("main", BranchState.RUNNING);
    start();
    assertTrue(branches.activityStarted("main"));
    assertTrue(branches.activityStarted("main"));
    time.advance(Duration.ofHours(3));
    assertEquals(BranchState.RUNNING, state("main"));

    branches.activityEnded("main");
    time.advance(Duration.ofHours(3));
    assertEquals(BranchState.RUNNING, state("main"), "one of two still runs");

    branches.activityEnded("main");
    time.advance(Duration.ofSeconds(29));
    assertEquals(BranchState.RUNNING, state("main"));
    time.advance(Duration.ofSeconds(1));
    assertEquals(BranchState.IDLE, state("main"));

    assertTrue(branches.activityStarted("main"), "a query on an idle branch uses it at once");
    assertEquals(BranchState.RUNNING, state("main"));
    time.advance(Duration.ofMinutes(10));
    assertEquals(BranchState.RUNNING, state("main"));
    branches.activityEnded("main");
    time.advance(Duration.ofSeconds(30));
    assertEquals(BranchState.IDLE, state("main"), "idle_after counts again from the last end");
    assertEquals(0, driver.count("suspend"));
  }

  @Test
  void activityOnASleepingBranchSaysWaitForTheWake() throws Exception {
    driver.with("main", BranchState.SUSPENDED);
    start();
    assertFalse(branches.activityStarted("main"));
    assertFalse(branches.activityStarted("nope"));
    branches.activityEnded("nope");
  }

  @Test
  void disabledAndUnsupportedStepsAreSkipped() throws Exception {
    driver.with("main", BranchState.RUNNING).with("dev", BranchState.RUNNING);
    start(b -> b.policy(IdlePolicy.never().withStopAfter(Duration.ofMinutes(10)))
        .policy("dev", IdlePolicy.never().withSuspendAfter(Duration.ofMinutes(1))));
    time.advance(Duration.ofMinutes(1));
    awaitState("dev", BranchState.SUSPENDED);
    assertEquals(BranchState.RUNNING, state("main"), "no idle step for main");
    time.advance(Duration.ofMinutes(9));
    awaitState("main", BranchState.STOPPED);
    assertEquals(BranchState.SUSPENDED, state("dev"), "dev's override has no stop step");
    assertEquals(Set.of("suspend dev", "stop main"), Set.copyOf(driver.log()));
  }

  @Test
  void aNewDefaultPolicyAppliesAtOnceToBranchesWithoutAnOverride() throws Exception {
    driver.with("main", BranchState.RUNNING).with("dev", BranchState.RUNNING);
    start(b -> b.policy(IdlePolicy.never()).policy("dev", IdlePolicy.never()));
    time.advance(Duration.ofMinutes(2));
    assertEquals(BranchState.RUNNING, state("main"));
    branches.setDefaultPolicy(IdlePolicy.never().withSuspendAfter(Duration.ofMinutes(1)));
    time.advance(Duration.ofMillis(1)); // quiet for 2 min already: due at once
    awaitState("main", BranchState.SUSPENDED);
    time.advance(Duration.ofMinutes(5));
    assertEquals(BranchState.RUNNING, state("dev"), "dev keeps its own policy");
    assertEquals(List.of("suspend main"), driver.log());
  }

  @Test
  void aStaticBranchGoesIdleButNeverSleeps() throws Exception {
    StaticDriver fixed = new StaticDriver(Map.of("a", new Endpoint("10.0.0.1", 5432)));
    branches = Branches.builder(fixed).clock(time.clock()).scheduler(time.scheduler()).workers(workers).build();
    time.advance(Duration.ofHours(5));
    assertEquals(BranchState.IDLE, state("a"));
    assertEquals(ResumeKind.NONE, branches.ensureRunning("a").get().kind());
    assertEquals(BranchState.RUNNING, state("a"));
    LifecycleException e = failure(branches.suspend("a"));
    assertEquals("0A000", e.sqlState());
  }

  @Test
  void aSleepWaitsForTheListenerToCloseServerConnections() throws Exception {
    driver.with("main", BranchState.RUNNING);
    start(b -> b.policy(IdlePolicy.never().withSuspendAfter(Duration.ofMinutes(1))));
    CompletableFuture<Void> closed = new CompletableFuture<>();
    branches.addListener(new BranchListener() {
      @Override
      public CompletionStage<Void> beforeSleep(String branch, BranchState target) {
        log.add("beforeSleep " + branch + " " + target.label());
        return closed;
      }
    });
    time.advance(Duration.ofMinutes(1));
    awaitTrue(() -> log.contains("beforeSleep main suspended"), "listener asked");
    assertEquals(0, driver.count("suspend"));
    assertEquals(BranchState.SUSPENDING, state("main"));
    closed.complete(null);
    awaitState("main", BranchState.SUSPENDED);
    assertEquals(1, driver.count("suspend"));
  }

  @Test
  void computeSecondsCountOnlyWhileTheComputeIsUp() throws Exception {
    driver.with("main", BranchState.RUNNING);
    start();
    time.advance(Duration.ofMinutes(5));
    awaitState("main", BranchState.SUSPENDED);
    time.advance(Duration.ofMinutes(10));
    BranchInfo info = branches.info("main").orElseThrow();
    assertEquals(Duration.ofMinutes(5), info.compute());
    assertEquals(Duration.ofMinutes(15), info.wall());
    assertEquals(300.0, info.computeSeconds(), 1e-9);
    assertEquals(100.0 * 2 / 3, info.savingPercent(), 1e-9);

    branches.ensureRunning("main").get(WAIT_SECONDS, TimeUnit.SECONDS);
    time.advance(Duration.ofSeconds(20));
    assertEquals(Duration.ofMinutes(5).plusSeconds(20), branches.info("main").orElseThrow().compute());
  }

  // ---- the state table ----------------------------------------------------------------------------

  @Test
  void theTransitionTableAllowsTheLifecycleAndNothingElse() {
    assertTrue(BranchState.RUNNING.canMoveTo(BranchState.IDLE));
    assertTrue(BranchState.IDLE.canMoveTo(BranchState.SUSPENDING));
    assertTrue(BranchState.SUSPENDING.canMoveTo(BranchState.ARCHIVED));
    assertTrue(BranchState.FAILED.canMoveTo(BranchState.RESUMING));
    assertFalse(BranchState.RUNNING.canMoveTo(BranchState.SUSPENDED), "only through SUSPENDING");
    assertFalse(BranchState.SUSPENDED.canMoveTo(BranchState.RUNNING), "only through RESUMING");
    assertFalse(BranchState.RESUMING.canMoveTo(BranchState.SUSPENDING));
    assertFalse(BranchState.ARCHIVED.canMoveTo(BranchState.STOPPED));
    for (BranchState s : BranchState.values()) {
      assertFalse(s.canMoveTo(s), s + " -> itself");
    }
  }

  @Test
  void anIllegalTransitionThrows() {
    driver.with("main", BranchState.STOPPED);
    start();
    Branch main = branches.branch("main");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> main.transitionTo(BranchState.RUNNING));
    assertTrue(e.getMessage().contains("STOPPED -> RUNNING"), e.getMessage());
    assertEquals(BranchState.STOPPED, main.state());
    main.transitionTo(BranchState.RESUMING);
    assertThrows(IllegalStateException.class, () -> main.transitionTo(BranchState.SUSPENDING));
  }

  // ---- unknown branches, operator commands, parameters ------------------------------------------

  @Test
  void anUnknownStaticBranchIs3D000NamingTheServedBranches() throws Exception {
    StaticDriver fixed = new StaticDriver(Map.of("b", new Endpoint("10.0.0.2", 5432), "a", new Endpoint("10.0.0.1", 1)));
    branches = Branches.builder(fixed).clock(time.clock()).scheduler(time.scheduler()).workers(workers).build();
    LifecycleException e = failure(branches.ensureRunning("x"));
    assertEquals("3D000", e.sqlState());
    assertEquals("branch \"x\" does not exist: this pgwake serves branches a, b (static driver)", e.getMessage());
    assertEquals(List.of("a", "b"), branches.list().stream().map(BranchInfo::name).toList());
    assertEquals(new Endpoint("10.0.0.1", 1), branches.ensureRunning("a").get().endpoint());
  }

  @Test
  void theDefaultBranchIsCreatedEmptyAndOthersFromIt() throws Exception {
    start();
    Wake main = branches.ensureRunning("main").get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(ResumeKind.COLD, main.kind());
    Wake dev = branches.ensureRunning("dev").get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(ResumeKind.COLD, dev.kind());
    assertEquals(List.of("find main", "create main empty", "find dev", "create dev from main"), driver.log());
    assertEquals(Optional.of("main"), branches.info("dev").orElseThrow().parent());
    assertEquals(0, branches.info("main").orElseThrow().activity(), "the parent is released after the copy");
  }

  @Test
  void withoutAutoCreateAnUnknownBranchIs3D000AndLeavesNoTrace() throws Exception {
    driver.with("main", BranchState.RUNNING);
    start(b -> b.autoCreate(false));
    LifecycleException e = failure(branches.ensureRunning("dev"));
    assertEquals("3D000", e.sqlState());
    assertTrue(e.getMessage().contains("serves branches main (fake driver)"), e.getMessage());
    assertTrue(e.getMessage().contains("CREATE BRANCH"), e.getMessage());
    assertEquals(List.of("main"), branches.list().stream().map(BranchInfo::name).toList());
  }

  @Test
  void creatingFromASuspendedParentWakesTheParentFirst() throws Exception {
    driver.with("main", BranchState.SUSPENDED);
    start();
    Wake dev = branches.create("dev", Optional.empty()).get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(ResumeKind.COLD, dev.kind());
    assertEquals(List.of("resumeHot main", "create dev from main"), driver.log());
    assertEquals(0, branches.info("main").orElseThrow().activity());
    assertEquals("42P04", failure(branches.create("dev", Optional.of("main"))).sqlState());
    assertEquals("3D000", failure(branches.create("x", Optional.of("nope"))).sqlState());
    assertFalse(branches.info("x").isPresent());
  }

  @Test
  void operatorCommandsMoveABranchThroughItsStates() throws Exception {
    driver.with("main", BranchState.RUNNING);
    start();
    branches.stop("main").get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(BranchState.STOPPED, state("main"));
    branches.suspend("main").get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(BranchState.STOPPED, state("main"), "already deeper: nothing to do");
    branches.archive("main").get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(BranchState.ARCHIVED, state("main"));
    assertEquals(ResumeKind.COLD, branches.resume("main").get(WAIT_SECONDS, TimeUnit.SECONDS).kind());
    assertEquals(List.of("stop main", "archive main", "resumeCold main"), driver.log());
    assertEquals("3D000", failure(branches.stop("nope")).sqlState());
  }

  @Test
  void dropRefusesABusyBranchUnlessForced() throws Exception {
    driver.with("main", BranchState.RUNNING).with("dev", BranchState.RUNNING);
    start();
    branches.activityStarted("dev");
    assertEquals("55006", failure(branches.drop("dev", false)).sqlState());
    branches.drop("dev", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertFalse(branches.info("dev").isPresent());
    assertEquals(List.of("main"), branches.list().stream().map(BranchInfo::name).toList());
    assertEquals(List.of("drop dev"), driver.log());
    branches.activityEnded("dev"); // the proxy's late call: ignored
  }

  @Test
  void cachedParametersAreKeptAndPersistedThroughTheDriver() throws Exception {
    driver.with("main", BranchState.RUNNING);
    start();
    assertEquals(Map.of(), branches.cachedParameters("main"));
    branches.rememberParameters("main", Map.of("server_version", "15.8", "TimeZone", "UTC"));
    assertEquals("15.8", branches.cachedParameters("main").get("server_version"));
    awaitTrue(() -> driver.count("saveParameters") == 1, "persisted");
    branches.rememberParameters("main", Map.of("server_version", "15.8", "TimeZone", "UTC"));
    assertEquals(1, driver.count("saveParameters"), "unchanged values are not written again");
    assertEquals(Map.of(), branches.cachedParameters("nope"));
  }

  @Test
  void listenersHearStateChangesInOrder() throws Exception {
    driver.with("main", BranchState.SUSPENDED);
    start();
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    branches.addListener(new BranchListener() {
      @Override
      public void stateChanged(String branch, BranchState from, BranchState to) {
        heard.add(from + ">" + to);
      }

      @Override
      public void woke(String branch, Wake wake, LifecycleException failure) {
        heard.add("woke " + wake.kind());
      }
    });
    branches.ensureRunning("main").get(WAIT_SECONDS, TimeUnit.SECONDS);
    branches.stop("main").get(WAIT_SECONDS, TimeUnit.SECONDS);
    awaitTrue(() -> heard.size() == 5, "five events, got " + heard);
    assertEquals(List.of("SUSPENDED>RESUMING", "RESUMING>RUNNING", "woke HOT",
        "RUNNING>SUSPENDING", "SUSPENDING>STOPPED"), List.copyOf(heard));
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private BranchListener recorder() {
    return new BranchListener() {
      @Override
      public CompletionStage<Void> beforeSleep(String branch, BranchState target) {
        log.add("beforeSleep " + branch + " " + target.label());
        return CompletableFuture.completedFuture(null);
      }
    };
  }

  private BranchState state(String branch) {
    return branches.info(branch).orElseThrow(() -> new AssertionError("no branch " + branch)).state();
  }

  private void awaitState(String branch, BranchState expected) throws InterruptedException {
    awaitTrue(() -> branches.info(branch).map(i -> i.state() == expected).orElse(false),
        branch + " to become " + expected);
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

  private static LifecycleException failure(CompletableFuture<?> future) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
    return assertInstanceOf(LifecycleException.class, e.getCause());
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("start signal never came");
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
