package dev.pgwake.lifecycle;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A compute driver in memory with configurable latency (gates a test opens) and failures (queued per
 * operation). Every call is logged in order, e.g. {@code "resumeHot main"}, {@code "create dev from main"},
 * except {@code saveUsage}, which comes with every state change: its accounts are kept per branch
 * ({@link #saved}) and returned with the branch's record, as a driver with a catalog does.
 */
final class FakeDriver implements ComputeDriver {

  private final Map<String, BranchRecord> branches = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();
  private final Map<String, Deque<RuntimeException>> failures = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<String, List<ComputeUsage>> saved = new ConcurrentHashMap<>();
  private final List<String> log;
  private final AtomicInteger ports = new AtomicInteger(20_000);
  private final Set<BranchState> sleepStates;
  private final boolean canCreate;

  FakeDriver() {
    this(new ArrayList<>(), EnumSet.of(BranchState.SUSPENDED, BranchState.STOPPED, BranchState.ARCHIVED), true);
  }

  /** {@code log} may be shared with a listener to see the order of both. */
  FakeDriver(List<String> log, Set<BranchState> sleepStates, boolean canCreate) {
    this.log = log;
    this.sleepStates = sleepStates;
    this.canCreate = canCreate;
  }

  FakeDriver with(String name, BranchState state) {
    return with(name, state, Optional.empty());
  }

  /** A branch with a compute account saved by an earlier coordinator. */
  FakeDriver with(String name, BranchState state, Optional<ComputeUsage> usage) {
    branches.put(name, new BranchRecord(name, Optional.empty(), Instant.parse("2029-12-31T00:00:00Z"), state,
        Optional.of(new Endpoint("127.0.0.1", ports.incrementAndGet())), Map.of(), usage));
    return this;
  }

  /** The accounts saved for {@code branch}, in order. */
  List<ComputeUsage> saved(String branch) {
    return List.copyOf(saved.getOrDefault(branch, List.of()));
  }

  /** Calls of {@code op} block until {@link #release} (or 10 s pass: then they fail). */
  void hold(String op) {
    gates.put(op, new CountDownLatch(1));
    entered.put(op, new CountDownLatch(1));
  }

  void release(String op) {
    gates.remove(op).countDown();
  }

  /** Waits until a call of a held {@code op} has started. */
  boolean awaitEntered(String op) throws InterruptedException {
    return entered.get(op).await(10, TimeUnit.SECONDS);
  }

  /** The next call of {@code op} throws {@code failure}. */
  void failNext(String op, RuntimeException failure) {
    failures.computeIfAbsent(op, k -> new ArrayDeque<>()).add(failure);
  }

  int count(String op) {
    return counts.getOrDefault(op, new AtomicInteger()).get();
  }

  List<String> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  BranchState stateOf(String name) {
    return branches.get(name).state();
  }

  @Override
  public String kind() {
    return "fake";
  }

  @Override
  public List<BranchRecord> catalog() {
    return List.copyOf(branches.values());
  }

  @Override
  public Optional<BranchRecord> find(String branch) {
    call("find", branch);
    return Optional.ofNullable(branches.get(branch));
  }

  @Override
  public Set<BranchState> sleepStates() {
    return sleepStates;
  }

  @Override
  public boolean canCreate() {
    return canCreate;
  }

  @Override
  public Endpoint resumeHot(String branch) {
    return resume("resumeHot", branch);
  }

  @Override
  public Endpoint resumeWarm(String branch) {
    return resume("resumeWarm", branch);
  }

  @Override
  public Endpoint resumeCold(String branch) {
    return resume("resumeCold", branch);
  }

  /** Says the branch's endpoint early, before the call's gate. */
  @Override
  public Endpoint resumeWarm(String branch, Consumer<Endpoint> accepting) {
    accepting.accept(branches.get(branch).endpoint().orElseThrow());
    return resumeWarm(branch);
  }

  @Override
  public BranchRecord create(String branch, Optional<String> parent) {
    call("create", branch + parent.map(p -> " from " + p).orElse(" empty"));
    BranchRecord record = new BranchRecord(branch, parent, Instant.parse("2030-01-01T00:00:00Z"),
        BranchState.RUNNING, Optional.of(new Endpoint("127.0.0.1", ports.incrementAndGet())), Map.of());
    branches.put(branch, record);
    return record;
  }

  @Override
  public void suspend(String branch) {
    sleep("suspend", branch, BranchState.SUSPENDED);
  }

  @Override
  public void stop(String branch) {
    sleep("stop", branch, BranchState.STOPPED);
  }

  @Override
  public void archive(String branch) {
    sleep("archive", branch, BranchState.ARCHIVED);
  }

  @Override
  public void drop(String branch) {
    call("drop", branch);
    branches.remove(branch);
  }

  @Override
  public void saveParameters(String branch, Map<String, String> parameters) {
    call("saveParameters", branch + " " + parameters);
    branches.computeIfPresent(branch, (k, r) -> new BranchRecord(k, r.parent(), r.created(), r.state(),
        r.endpoint(), parameters, r.usage()));
  }

  @Override
  public void saveUsage(String branch, ComputeUsage usage) {
    pass("saveUsage");
    if (branches.computeIfPresent(branch, (k, r) -> new BranchRecord(k, r.parent(), r.created(), r.state(),
        r.endpoint(), r.parameters(), Optional.of(usage))) != null) {
      saved.computeIfAbsent(branch, k -> new CopyOnWriteArrayList<>()).add(usage);
    }
  }

  private Endpoint resume(String op, String branch) {
    call(op, branch);
    BranchRecord r = branches.get(branch);
    branches.put(branch, r.withState(BranchState.RUNNING));
    return r.endpoint().orElseThrow();
  }

  private void sleep(String op, String branch, BranchState to) {
    call(op, branch);
    branches.computeIfPresent(branch, (k, r) -> r.withState(to));
  }

  private void call(String op, String what) {
    synchronized (log) {
      log.add(op + " " + what);
    }
    pass(op);
  }

  /** Counts a call of {@code op}, holds it at its gate, throws its queued failure. */
  private void pass(String op) {
    counts.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
    CountDownLatch in = entered.get(op);
    if (in != null) {
      in.countDown();
    }
    CountDownLatch gate = gates.get(op);
    try {
      if (gate != null && !gate.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException(op + " was never let through");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Deque<RuntimeException> queued = failures.get(op);
    RuntimeException failure = queued == null ? null : queued.poll();
    if (failure != null) {
      throw failure;
    }
  }
}
