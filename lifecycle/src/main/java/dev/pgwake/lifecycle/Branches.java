package dev.pgwake.lifecycle;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The branches of one pgwake and the one API the proxy uses for them: {@link #ensureRunning} (single
 * flight per branch, never refused, bounded by {@code wake_timeout}), activity reports that drive the
 * idle policy, operator commands, and the branches' cached ParameterStatus values. The real work is
 * done by a {@link ComputeDriver} on this coordinator's worker threads; timers run on its scheduler.
 * Thread-safe; no method blocks except {@link Builder#build()}, which reads the driver's catalog, and
 * {@link #close()}, which waits for the last compute accounts to be saved.
 *
 * <p>Compute and wall time per branch ({@link BranchInfo}) are saved by drivers with a catalog ({@link
 * ComputeDriver#saveUsage}) at every state change, every {@code checkpointEvery} while the compute is
 * up, and at close, and continue from there after a restart: the time pgwake was down counts as wall
 * time, and as compute time only if the driver finds the compute running when the branch is adopted.
 * Other drivers count in memory, from pgwake's start.
 *
 * <p>Unknown branches: {@link #ensureRunning} asks the driver ({@link ComputeDriver#find}); if it does
 * not know the branch either, the default branch is created on first use and any other branch is
 * created from the default branch when {@code auto_create_branches} is on (default: when the driver
 * can create), else the caller gets 3D000 naming the branches served.
 */
public final class Branches implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Branches.class.getName());
  private static final int NAMES_IN_MESSAGE = 10;
  /** How long {@link #close} waits for the last compute accounts to be written. */
  private static final Duration CLOSE_WRITES = Duration.ofSeconds(10);

  private final Coordination co;
  private final Map<String, Branch> table = new ConcurrentHashMap<>();
  private final Provisioning provisioning;
  private final String defaultBranch;
  private final List<ExecutorService> owned;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Branch.Owner owner = new Branch.Owner() {
    @Override
    public void forget(Branch branch) {
      table.remove(branch.name(), branch);
    }

    @Override
    public CompletableFuture<Resumed> recover(Branch branch) {
      return provisioning.recover(branch);
    }
  };

  private Branches(Builder b, Executor workers, ScheduledExecutorService scheduler, List<ExecutorService> owned) {
    this.co = new Coordination(b.driver, b.clock, scheduler, workers, b.wakeTimeout, b.sleepGrace,
        b.checkpointEvery, b.policy, b.overrides);
    this.defaultBranch = b.defaultBranch;
    this.owned = owned;
    boolean autoCreate = b.autoCreate == null ? b.driver.canCreate() : b.autoCreate;
    this.provisioning = new Provisioning(co, this, defaultBranch, autoCreate);
    for (BranchRecord record : b.driver.catalog()) {
      table.put(record.name(), Branch.known(record, co, owner));
    }
    table.values().forEach(Branch::policyChanged);
  }

  public static Builder builder(ComputeDriver driver) {
    return new Builder(driver);
  }

  /**
   * Completes with the branch's endpoint once it accepts connections, and what the wake had to do.
   * Concurrent callers share one wake; a caller arriving while the branch goes to sleep waits for that,
   * then for the wake. Each caller gets its own copy: cancelling it cancels nothing else. Fails with
   * 57P03 (naming the branch, the resume kind and the cause) when the wake fails or passes {@code
   * wake_timeout}, all waiters together; 3D000 for a branch that does not exist and is not created.
   */
  public CompletableFuture<Wake> ensureRunning(String branch) {
    Objects.requireNonNull(branch, "branch");
    while (true) {
      Branch b = table.get(branch);
      if (b == null) {
        Branch fresh = Branch.provisional(branch, provisioning.defaultParentOf(branch), null, co, owner);
        if (table.putIfAbsent(branch, fresh) == null) {
          return fresh.beginFirstWake(provisioning::recover).copy();
        }
        continue;
      }
      CompletableFuture<Wake> wake = b.ensureRunning();
      if (wake != null) {
        return wake.copy();
      }
    }
  }

  /**
   * A transaction or query started on the branch (the proxy calls this from protocol state, not per
   * connection). Counted: a branch with activity never steps down. Returns true when its compute may be
   * used now; false when it sleeps or is going to sleep, and the caller must wait for {@link
   * #ensureRunning} first. Unknown branches are ignored (false).
   */
  public boolean activityStarted(String branch) {
    Branch b = table.get(branch);
    return b != null && b.activityStarted();
  }

  /**
   * {@link #activityStarted} that also gives where the running compute listens: the endpoint when its
   * compute may be used now, null when the caller must wait for {@link #ensureRunning} first. The fast
   * path of a transaction on an awake branch: one call, no future.
   */
  public Endpoint activityStartedAt(String branch) {
    Branch b = table.get(branch);
    return b == null ? null : b.activityStartedAt();
  }

  /**
   * The branch's compute did not accept a connection at the endpoint it was woken at (the process died, the
   * pod went away): the branch is marked FAILED with {@code cause}, and the next {@link #ensureRunning}
   * recovers it. Does nothing unless the branch is awake.
   */
  public void computeUnreachable(String branch, String cause) {
    Branch b = table.get(branch);
    if (b != null) {
      b.computeUnreachable(cause);
    }
  }

  /**
   * Where a server connection to the branch can be opened before its wake completes, or null: at once the
   * endpoint of a compute that is suspended or being resumed hot, if the driver keeps a suspended compute at
   * its endpoint ({@link ComputeDriver#suspendKeepsEndpoint}: the connection is served as soon as the compute
   * continues); for a warm or cold resume, when the driver says the new server accepts connections ({@link
   * ComputeDriver#resumeWarm(String, java.util.function.Consumer)}), which may never come (then the wake's end
   * is the word). Completes on a coordinator thread.
   */
  public CompletionStage<Endpoint> earlyEndpoint(String branch) {
    Branch b = table.get(branch);
    return b == null ? null : b.earlyEndpoint(co.driver.suspendKeepsEndpoint());
  }

  /** The endpoint of the branch's compute if it is running now (no activity counted), else null. */
  public Endpoint runningEndpoint(String branch) {
    Branch b = table.get(branch);
    return b == null ? null : b.runningEndpoint();
  }

  /** The transaction or query ended; the idle delays count from the moment the last one ends. */
  public void activityEnded(String branch) {
    Branch b = table.get(branch);
    if (b != null) {
      b.activityEnded();
    }
  }

  /** Freezes the branch's compute (after any transition in progress); done if it sleeps already. */
  public CompletableFuture<Void> suspend(String branch) {
    return require(branch).thenCompose(b -> b.sleep(BranchState.SUSPENDED));
  }

  /** Stops the branch's compute; its data stays local. */
  public CompletableFuture<Void> stop(String branch) {
    return require(branch).thenCompose(b -> b.sleep(BranchState.STOPPED));
  }

  /** Stops the compute and moves the branch's data to storage. */
  public CompletableFuture<Void> archive(String branch) {
    return require(branch).thenCompose(b -> b.sleep(BranchState.ARCHIVED));
  }

  /** Wakes a known branch (3D000 for one this coordinator does not know). */
  public CompletableFuture<Wake> resume(String branch) {
    return require(branch).thenCompose(b -> ensureRunning(branch));
  }

  /**
   * Creates {@code branch} from a consistent snapshot of {@code parent} (default: the default branch;
   * the default branch itself starts empty) and starts it: a cold wake. 42P04 if it exists.
   */
  public CompletableFuture<Wake> create(String branch, Optional<String> parent) {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(parent, "parent");
    if (!co.driver.canCreate()) {
      return CompletableFuture.failedFuture(new LifecycleException(LifecycleException.FEATURE_NOT_SUPPORTED,
          "the " + co.driver.kind() + " driver cannot create branches"));
    }
    Optional<String> from = parent.isPresent() ? parent : provisioning.defaultParentOf(branch);
    if (from.isPresent() && from.get().equals(branch)) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("a branch cannot be its own parent"));
    }
    Branch fresh = Branch.provisional(branch, from, ResumeKind.COLD, co, owner);
    if (table.putIfAbsent(branch, fresh) != null) {
      return CompletableFuture.failedFuture(new LifecycleException(LifecycleException.DUPLICATE_BRANCH,
          "branch \"" + branch + "\" already exists"));
    }
    return fresh.beginFirstWake(b -> provisioning.create(branch, from)).copy();
  }

  /**
   * Stops the compute and deletes the branch with its data. Without {@code force}, refused (55006)
   * while transactions run on it; with it, they are cut off. Callers waiting for its wake get 3D000.
   */
  public CompletableFuture<Void> drop(String branch, boolean force) {
    if (!co.driver.canCreate()) {
      return CompletableFuture.failedFuture(new LifecycleException(LifecycleException.FEATURE_NOT_SUPPORTED,
          "the " + co.driver.kind() + " driver cannot drop branches"));
    }
    return require(branch).thenCompose(b -> b.drop(force));
  }

  /** Every branch, by name. */
  public List<BranchInfo> list() {
    List<BranchInfo> rows = new ArrayList<>();
    for (Branch b : table.values()) {
      rows.add(b.info());
    }
    rows.sort(Comparator.comparing(BranchInfo::name));
    return rows;
  }

  public Optional<BranchInfo> info(String branch) {
    return Optional.ofNullable(table.get(branch)).map(Branch::info);
  }

  /** The branch's last known ParameterStatus values (empty if none): sent to clients while it sleeps. */
  public Map<String, String> cachedParameters(String branch) {
    Branch b = table.get(branch);
    return b == null ? Map.of() : b.parameters();
  }

  /** Remembers the ParameterStatus values a server of this branch sent; persisted by the driver. */
  public void rememberParameters(String branch, Map<String, String> parameters) {
    Branch b = table.get(branch);
    if (b != null && b.rememberParameters(parameters)) {
      co.workers.execute(() -> {
        try {
          co.driver.saveParameters(branch, b.parameters());
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "branch " + branch + ": cannot save its parameters", e);
        }
      });
    }
  }

  public void addListener(BranchListener listener) {
    co.notifications.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Replaces the idle policy of every branch without an override of its own (a configuration reload); applies at
   * once, counted from when each branch went quiet.
   */
  public void setDefaultPolicy(IdlePolicy policy) {
    co.setDefaultPolicy(Objects.requireNonNull(policy, "policy"));
    table.values().forEach(Branch::policyChanged);
  }

  /**
   * Replaces {@code wake_timeout} (a configuration reload) for wakes that begin from now on; a wake under way keeps
   * the deadline it began with.
   */
  public void setWakeTimeout(Duration timeout) {
    co.setWakeTimeout(Builder.positive(timeout, "wake_timeout"));
  }

  /** Overrides the idle policy of one branch ({@code null}: back to the default); applies at once. */
  public void setPolicy(String branch, IdlePolicy policy) {
    co.setPolicy(branch, policy);
    Branch b = table.get(branch);
    if (b != null) {
      b.policyChanged();
    }
  }

  public String driverKind() {
    return co.driver.kind();
  }

  public String defaultBranch() {
    return defaultBranch;
  }

  /**
   * Saves every branch's compute account through the driver ({@link ComputeDriver#saveUsage}), waiting
   * up to 10 s for those writes, then stops this coordinator's own threads (not ones passed to the
   * builder, which must still run until this returns). Computes keep running and the driver stays open:
   * the composition root closes it. Blocks for the writes; a second call returns at once.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    table.values().forEach(Branch::saveUsage);
    co.counters.close(CLOSE_WRITES);
    owned.forEach(ExecutorService::shutdownNow);
  }

  Branch branch(String name) {
    return table.get(name);
  }

  LifecycleException unknown(String branch) {
    List<String> names = table.values().stream()
        .filter(b -> !b.isProvisional())
        .map(Branch::name)
        .sorted()
        .collect(Collectors.toList());
    String served = names.isEmpty() ? "no branches"
        : "branches " + String.join(", ", names.subList(0, Math.min(names.size(), NAMES_IN_MESSAGE)))
            + (names.size() > NAMES_IN_MESSAGE ? " and " + (names.size() - NAMES_IN_MESSAGE) + " more" : "");
    String hint = co.driver.canCreate() ? "; create it with CREATE BRANCH, or turn on auto_create_branches" : "";
    return new LifecycleException(LifecycleException.UNKNOWN_BRANCH, "branch \"" + branch
        + "\" does not exist: this pgwake serves " + served + " (" + co.driver.kind() + " driver)" + hint);
  }

  private CompletableFuture<Branch> require(String branch) {
    Branch b = table.get(Objects.requireNonNull(branch, "branch"));
    if (b == null || b.isProvisional()) {
      return CompletableFuture.failedFuture(unknown(branch));
    }
    return CompletableFuture.completedFuture(b);
  }

  /** Settings of a {@link Branches}; defaults as in the design. */
  public static final class Builder {
    private final ComputeDriver driver;
    private String defaultBranch = "main";
    private Boolean autoCreate;
    private Duration wakeTimeout = Duration.ofSeconds(30);
    private Duration sleepGrace = Duration.ofSeconds(10);
    private Duration checkpointEvery = Duration.ofSeconds(10);
    private IdlePolicy policy = IdlePolicy.defaults();
    private final Map<String, IdlePolicy> overrides = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private Executor workers;

    private Builder(ComputeDriver driver) {
      this.driver = Objects.requireNonNull(driver, "driver");
    }

    /** The branch created empty on first use and the parent of new branches; default {@code main}. */
    public Builder defaultBranch(String name) {
      this.defaultBranch = Objects.requireNonNull(name, "name");
      return this;
    }

    /** {@code auto_create_branches}: a connection to an unknown branch creates it; default: driver can create. */
    public Builder autoCreate(boolean on) {
      this.autoCreate = on;
      return this;
    }

    /** {@code wake_timeout}, default 30 s. */
    public Builder wakeTimeout(Duration timeout) {
      this.wakeTimeout = positive(timeout, "wake_timeout");
      return this;
    }

    /** How long a sleep waits for listeners to close server connections; default 10 s. */
    public Builder sleepGrace(Duration grace) {
      this.sleepGrace = positive(grace, "sleep_grace");
      return this;
    }

    /**
     * How often the compute account of a branch whose compute is up is saved between state changes: at
     * most what a crash of the whole machine can lose; default 10 s.
     */
    public Builder checkpointEvery(Duration every) {
      this.checkpointEvery = positive(every, "checkpoint interval");
      return this;
    }

    public Builder policy(IdlePolicy defaults) {
      this.policy = Objects.requireNonNull(defaults, "policy");
      return this;
    }

    public Builder policy(String branch, IdlePolicy override) {
      overrides.put(Objects.requireNonNull(branch, "branch"), Objects.requireNonNull(override, "override"));
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Timers (idle steps, wake deadlines); default: a daemon thread of its own. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Where driver operations block; default: a cached pool of daemon threads of its own. */
    public Builder workers(Executor workers) {
      this.workers = Objects.requireNonNull(workers, "workers");
      return this;
    }

    /** Reads the driver's catalog (blocking) and starts the idle timers. */
    public Branches build() {
      List<ExecutorService> owned = new ArrayList<>();
      ScheduledExecutorService timer = scheduler;
      if (timer == null) {
        ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1, daemon("pgwake-branches-timer"));
        own.setRemoveOnCancelPolicy(true);
        owned.add(own);
        timer = own;
      }
      Executor pool = workers;
      if (pool == null) {
        ExecutorService own = Executors.newCachedThreadPool(daemon("pgwake-branches-worker"));
        owned.add(own);
        pool = own;
      }
      return new Branches(this, pool, timer, List.copyOf(owned));
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
      AtomicInteger count = new AtomicInteger();
      return runnable -> {
        Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
    }

    static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
