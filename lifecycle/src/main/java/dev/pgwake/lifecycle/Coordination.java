package dev.pgwake.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every {@link Branch} of one {@link Branches} shares: the driver, time, threads, settings, and
 * the writer of compute accounts.
 */
final class Coordination {

  final ComputeDriver driver;
  final Clock clock;
  final ScheduledExecutorService scheduler;
  /** The workers, through a hold a settling wake takes ({@link HeldWork}). */
  final HeldWork workers;
  private volatile Duration wakeTimeout;
  final Duration sleepGrace;
  /** How often the account of a branch whose compute is up is saved between state changes. */
  final Duration checkpointEvery;
  final Notifications notifications;
  final UsageWriter counters;
  /** IDLE plus the driver's sleep states: the steps the idle policy may take. */
  final Set<BranchState> steps;
  private volatile IdlePolicy defaultPolicy;
  private final Map<String, IdlePolicy> policies = new ConcurrentHashMap<>();

  Coordination(ComputeDriver driver, Clock clock, ScheduledExecutorService scheduler, Executor workers,
      Duration wakeTimeout, Duration sleepGrace, Duration checkpointEvery, IdlePolicy defaultPolicy,
      Map<String, IdlePolicy> overrides) {
    this.driver = driver;
    this.clock = clock;
    this.scheduler = scheduler;
    this.workers = new HeldWork(workers);
    this.wakeTimeout = wakeTimeout;
    this.sleepGrace = sleepGrace;
    this.checkpointEvery = checkpointEvery;
    this.defaultPolicy = defaultPolicy;
    this.policies.putAll(overrides);
    this.notifications = new Notifications(this.workers);
    this.counters = new UsageWriter(driver, this.workers);
    EnumSet<BranchState> possible = EnumSet.of(BranchState.IDLE);
    for (BranchState s : driver.sleepStates()) {
      if (s == BranchState.SUSPENDED || s == BranchState.STOPPED || s == BranchState.ARCHIVED) {
        possible.add(s);
      }
    }
    this.steps = Set.copyOf(possible);
  }

  /** How long a wake may take, for wakes that begin from now on. */
  Duration wakeTimeout() {
    return wakeTimeout;
  }

  void setWakeTimeout(Duration timeout) {
    wakeTimeout = timeout;
  }

  Instant now() {
    return clock.instant();
  }

  IdlePolicy policyFor(String branch) {
    return policies.getOrDefault(branch, defaultPolicy);
  }

  void setDefaultPolicy(IdlePolicy policy) {
    defaultPolicy = policy;
  }

  void setPolicy(String branch, IdlePolicy policy) {
    if (policy == null) {
      policies.remove(branch);
    } else {
      policies.put(branch, policy);
    }
  }

  boolean canSleepTo(BranchState target) {
    return steps.contains(target);
  }
}
