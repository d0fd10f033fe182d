package dev.pgwake.lifecycle;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One branch as the coordinator sees it: its {@link BranchState}, changed only in {@link
 * #transitionTo}, the callers waiting for its wake (single flight), its activity count and idle
 * timer, and its compute account, queued for the driver to save at every state change and every
 * checkpoint interval while the compute is up (never for a branch not known to exist). Every field
 * is guarded by this object's monitor; driver work and listeners run on worker threads, never under
 * the monitor, and their results come back through {@code whenCompleteAsync}, so no callback ever
 * re-enters a half-done method.
 */
final class Branch {

  /** What a branch needs from the coordinator that owns it. */
  interface Owner {
    /** Removes {@code branch} from the coordinator's table. */
    void forget(Branch branch);

    /** Asks the driver what is true about {@code branch} and wakes it from there (or creates it). */
    CompletableFuture<Resumed> recover(Branch branch);
  }

  private static final System.Logger LOG = System.getLogger(Branch.class.getName());

  private final String name;
  private final Coordination co;
  private final Owner owner;
  private ComputeAccount account;
  /** The next save of the account while the compute is up; null while it is down. */
  private ScheduledFuture<?> checkpoint;
  /** Which planned checkpoint is current: one cancelled too late to stop it recognises itself and quits. */
  private long checkpoints;
  private Optional<String> parent;
  private Instant created;
  private BranchState state;
  private Endpoint endpoint;
  private ResumeKind lastResume;
  /** The kind of the wake in flight; null while a recovery has not found out yet. */
  private ResumeKind resuming;
  /** Not known to exist yet: removed from the table if its first wake fails. */
  private boolean provisional;
  private boolean removed;
  private int activity;
  private Instant quietSince;
  private Waiters waiters;
  /** Waiters timed out while the branch was going to sleep: wake it anyway once it is asleep. */
  private boolean wakeOwed;
  private CompletableFuture<Void> settled;
  private final IdleTimer idleTimer;
  private String failure;
  private Map<String, String> parameters;

  private Branch(String name, Coordination co, Owner owner, BranchState state, Instant created,
      Optional<String> parent, boolean provisional) {
    Instant now = co.now();
    this.name = name;
    this.co = co;
    this.owner = owner;
    this.state = state;
    this.created = created;
    this.parent = parent;
    this.provisional = provisional;
    this.quietSince = now;
    this.parameters = Map.of();
    this.account = new ComputeAccount(created.isAfter(now) ? created : now, state);
    this.idleTimer = new IdleTimer(co.scheduler);
  }

  /** A branch the driver reported at start. */
  static Branch known(BranchRecord record, Coordination co, Owner owner) {
    Branch b = new Branch(record.name(), co, owner, record.state(), record.created(), record.parent(), false);
    b.endpoint = record.endpoint().orElse(null);
    b.parameters = record.parameters();
    record.usage().ifPresent(saved ->
        b.account = ComputeAccount.restored(saved, co.now(), record.state(), record.state()));
    b.planCheckpoint();
    return b;
  }

  /** A branch not known yet, born RESUMING: {@link #beginFirstWake} must follow at once. */
  static Branch provisional(String name, Optional<String> parent, ResumeKind kind, Coordination co, Owner owner) {
    Branch b = new Branch(name, co, owner, BranchState.RESUMING, co.now(), parent, true);
    b.resuming = kind;
    return b;
  }

  String name() {
    return name;
  }

  // ---- waking -------------------------------------------------------------------------------

  /** The shared wake (hand out copies), or null if this branch was removed from the table. */
  synchronized CompletableFuture<Wake> ensureRunning() {
    if (removed) {
      return null;
    }
    switch (state) {
      case IDLE:
        transitionTo(BranchState.RUNNING);
        quietSince = co.now();
        scheduleIdleCheck();
        return CompletableFuture.completedFuture(new Wake(endpoint, ResumeKind.NONE, Duration.ZERO));
      case RUNNING:
        return CompletableFuture.completedFuture(new Wake(endpoint, ResumeKind.NONE, Duration.ZERO));
      case RESUMING:
      case SUSPENDING:
        return join().future;
      default:
        Waiters group = join();
        startResume();
        return group.future;
    }
  }

  /** Starts the first wake of a provisional branch with {@code op}; returns the shared future. */
  synchronized CompletableFuture<Wake> beginFirstWake(Function<Branch, CompletableFuture<Resumed>> op) {
    Waiters group = join();
    launch(op);
    return group.future;
  }

  /** Names the kind of the wake in flight once a recovery found it out (for messages). */
  synchronized void resumingAs(ResumeKind kind) {
    resuming = kind;
  }

  synchronized boolean isProvisional() {
    return provisional;
  }

  private Waiters join() {
    if (waiters == null) {
      Waiters group = new Waiters(co.now(), co.wakeTimeout());
      group.deadline(co.scheduler.schedule(() -> expire(group), group.timeout.toNanos(), TimeUnit.NANOSECONDS));
      waiters = group;
    }
    return waiters;
  }

  private void startResume() {
    wakeOwed = false;
    BranchState from = state;
    if (from == BranchState.FAILED) {
      transitionTo(BranchState.RESUMING);
      resuming = null;
      launch(owner::recover);
      return;
    }
    ResumeKind kind = ResumeKind.from(from);
    checkCanMoveTo(BranchState.RESUMING);
    // the resume's thread is woken first: the transition queues the account and the listeners' events for other
    // worker threads, and on a small machine a thread woken earlier runs earlier. It cannot settle the wake before
    // this monitor is let go, by then RESUMING.
    co.workers.execute(() -> resume(kind));
    resuming = kind;
    transitionTo(BranchState.RESUMING);
  }

  /** A plain resume, on a worker: the driver's, then the wake settled by the same thread (no hop between). */
  private void resume(ResumeKind kind) {
    Resumed resumed;
    try {
      resumed = Resumed.of(Provisioning.resume(co.driver, name, kind, this::accepting), kind);
    } catch (Throwable e) {
      finishResume(null, e);
      return;
    }
    finishResume(resumed, null);
  }

  /** The driver says where the compute being resumed accepts connections, before the resume returns. */
  private void accepting(Endpoint at) {
    CompletableFuture<Endpoint> early;
    synchronized (this) {
      early = waiters == null ? null : waiters.accepting;
    }
    if (early != null) {
      early.complete(at);
    }
  }

  private void launch(Function<Branch, CompletableFuture<Resumed>> op) {
    CompletableFuture.supplyAsync(() -> op.apply(this), co.workers)
        .thenCompose(Function.identity())
        .whenCompleteAsync(this::finishResume, co.workers);
  }

  /**
   * Settles the wake. The side work of its transition (listeners, the compute account) is handed to the workers
   * only once the waiters were told: a worker woken earlier would take the CPU from this thread on a small machine.
   */
  private void finishResume(Resumed resumed, Throwable error) {
    co.workers.holding(() -> settleWake(resumed, error));
  }

  private void settleWake(Resumed resumed, Throwable error) {
    Waiters group;
    Wake wake = null;
    LifecycleException failed = null;
    synchronized (this) {
      group = waiters;
      waiters = null;
      if (group != null) {
        group.settled();
      }
      if (error == null) {
        resumed.record().ifPresent(this::adopt);
        endpoint = resumed.endpoint();
        lastResume = resumed.kind();
        failure = null;
        provisional = false;
        transitionTo(BranchState.RUNNING);
        quietSince = co.now();
        scheduleIdleCheck();
        wake = new Wake(endpoint, resumed.kind(), group == null ? Duration.ZERO : group.waitedUntil(co.now()));
      } else {
        failed = WakeErrors.failed(name, resuming, error);
        failure = failed.getMessage();
        transitionTo(BranchState.FAILED);
        if (provisional) {
          removed = true;
          owner.forget(this);
        }
      }
      Wake w = wake;
      LifecycleException f = failed;
      co.notifications.publish(l -> l.woke(name, w, f));
    }
    if (group != null) {
      if (wake != null) {
        group.future.complete(wake);
      } else {
        group.future.completeExceptionally(failed);
      }
    }
  }

  private void expire(Waiters group) {
    LifecycleException timeout;
    synchronized (this) {
      if (waiters != group) {
        return;
      }
      waiters = null;
      if (state == BranchState.SUSPENDING) {
        wakeOwed = true;
      }
      timeout = WakeErrors.timeout(name, group.timeout,
          state == BranchState.SUSPENDING ? "it was still going to sleep" : WakeErrors.doing(resuming));
      co.notifications.publish(l -> l.woke(name, null, timeout));
    }
    group.settled();
    group.future.completeExceptionally(timeout);
  }

  private void adopt(BranchRecord record) {
    parent = record.parent();
    created = record.created();
    if (parameters.isEmpty()) {
      parameters = record.parameters();
    }
    if (provisional && record.usage().isPresent()) { // known to the driver after all: continue its account
      account = ComputeAccount.restored(record.usage().get(), account.since(), record.state(),
          BranchState.RESUMING);
    }
  }

  // ---- sleeping -----------------------------------------------------------------------------

  /** Operator sleep to {@code target}: after any transition in progress; no-op if already that deep. */
  CompletableFuture<Void> sleep(BranchState target) {
    if (target.depth() < BranchState.SUSPENDED.depth()) {
      throw new IllegalArgumentException("an operator puts branches SUSPENDED, STOPPED or ARCHIVED, not " + target);
    }
    synchronized (this) {
      if (removed) {
        return CompletableFuture.failedFuture(WakeErrors.dropped(name, ""));
      }
      if (!co.canSleepTo(target)) {
        return CompletableFuture.failedFuture(new LifecycleException(LifecycleException.FEATURE_NOT_SUPPORTED,
            "the " + co.driver.kind() + " driver cannot put branches " + target.label()));
      }
      if (!state.isSettled()) {
        return afterSettled(() -> sleep(target));
      }
      if (state != BranchState.FAILED && state.depth() >= target.depth()) {
        return CompletableFuture.completedFuture(null);
      }
      return beginSleep(target, false);
    }
  }

  /** Stops the compute and deletes the branch; without {@code force} only when nothing is running on it. */
  CompletableFuture<Void> drop(boolean force) {
    synchronized (this) {
      if (removed) {
        return CompletableFuture.failedFuture(WakeErrors.dropped(name, ""));
      }
      if (!state.isSettled()) {
        return afterSettled(() -> drop(force));
      }
      if (!force && activity > 0) {
        return CompletableFuture.failedFuture(new LifecycleException(LifecycleException.OBJECT_IN_USE,
            "branch \"" + name + "\" has " + activity + " transaction(s) or queries running: "
                + "drop it with force to cut them off"));
      }
      return beginSleep(BranchState.STOPPED, true);
    }
  }

  /** Under the lock, in a transitional state: {@code retry} once the branch settles. */
  private CompletableFuture<Void> afterSettled(Supplier<CompletableFuture<Void>> retry) {
    if (settled == null) {
      settled = new CompletableFuture<>();
    }
    return settled.thenComposeAsync(v -> retry.get(), co.workers);
  }

  private CompletableFuture<Void> beginSleep(BranchState target, boolean drop) {
    transitionTo(BranchState.SUSPENDING);
    cancelIdleCheck();
    CompletableFuture<Void> done = new CompletableFuture<>();
    co.workers.execute(() -> SleepNotice.send(co, name, target)
        .thenRunAsync(() -> sleepBy(target, drop), co.workers)
        .whenCompleteAsync((v, e) -> finishSleep(target, drop, e, done), co.workers));
    return done;
  }

  private void sleepBy(BranchState target, boolean drop) {
    if (drop) {
      co.driver.drop(name);
    } else if (target == BranchState.SUSPENDED) {
      co.driver.suspend(name);
    } else if (target == BranchState.STOPPED) {
      co.driver.stop(name);
    } else {
      co.driver.archive(name);
    }
  }

  private void finishSleep(BranchState target, boolean drop, Throwable error, CompletableFuture<Void> done) {
    Waiters dropped = null;
    Throwable cause = error == null ? null : WakeErrors.unwrap(error);
    synchronized (this) {
      if (cause != null) {
        failure = "could not " + (drop ? "drop" : "go " + target.label()) + ": " + cause.getMessage();
        LOG.log(Level.WARNING, "branch " + name + " " + failure, cause);
        transitionTo(BranchState.FAILED);
      } else if (drop) {
        removed = true;
        owner.forget(this);
        dropped = waiters;
        waiters = null;
        settle();
        co.notifications.publish(l -> l.dropped(name));
      } else {
        transitionTo(target);
      }
      if (!removed) {
        if (waiters != null || wakeOwed) {
          startResume();
        } else {
          scheduleIdleCheck();
        }
      }
    }
    if (dropped != null) {
      dropped.settled();
      dropped.future.completeExceptionally(WakeErrors.dropped(name, " while waking"));
    }
    if (cause == null) {
      done.complete(null);
    } else {
      done.completeExceptionally(cause);
    }
  }

  // ---- activity and the idle policy ---------------------------------------------------------

  /** Counts one transaction or query; true if the compute may be used now (RUNNING). */
  synchronized boolean activityStarted() {
    activity++;
    if (state == BranchState.IDLE) {
      transitionTo(BranchState.RUNNING);
    }
    return state == BranchState.RUNNING && !removed;
  }

  /**
   * The proxy could not reach the compute it was told runs (connection refused): it died behind our back.
   * FAILED, so the next {@link #ensureRunning} recovers it (the driver says how it really is, and it is woken
   * from there) instead of every client failing against a dead endpoint. Ignored unless awake.
   */
  synchronized void computeUnreachable(String cause) {
    if (removed || (state != BranchState.RUNNING && state != BranchState.IDLE)) {
      return;
    }
    failure = cause;
    cancelIdleCheck();
    transitionTo(BranchState.FAILED);
  }

  synchronized Endpoint activityStartedAt() {
    return activityStarted() ? endpoint : null;
  }

  /** See {@link Branches#earlyEndpoint}; {@code keepsEndpoint}: the driver's {@code suspendKeepsEndpoint}. */
  synchronized CompletionStage<Endpoint> earlyEndpoint(boolean keepsEndpoint) {
    if (removed) {
      return null;
    }
    boolean frozen = state == BranchState.SUSPENDED || state == BranchState.RESUMING && resuming == ResumeKind.HOT;
    if (frozen) {
      return keepsEndpoint && endpoint != null ? CompletableFuture.completedFuture(endpoint) : null;
    }
    boolean starting = state == BranchState.RESUMING && (resuming == ResumeKind.WARM || resuming == ResumeKind.COLD);
    return starting && waiters != null ? waiters.accepting.minimalCompletionStage() : null;
  }

  synchronized Endpoint runningEndpoint() {
    return state == BranchState.RUNNING && !removed ? endpoint : null;
  }

  synchronized void activityEnded() {
    if (activity == 0) {
      return; // unbalanced: started before this branch entered the table
    }
    activity--;
    if (activity == 0) {
      quietSince = co.now();
      scheduleIdleCheck();
    }
  }

  /** Holds a branch whose data is local and whose compute is not frozen, while a child copies it. */
  synchronized boolean pinForCopy() {
    if (removed || !(state == BranchState.RUNNING || state == BranchState.IDLE || state == BranchState.STOPPED)) {
      return false;
    }
    activityStarted();
    return true;
  }

  /** Re-reads the policy (after a change) and plans the next step. */
  synchronized void policyChanged() {
    cancelIdleCheck();
    scheduleIdleCheck();
  }

  private boolean mayStepDown() {
    return !removed && activity == 0 && state.isSettled() && state != BranchState.FAILED;
  }

  private void scheduleIdleCheck() {
    if (!mayStepDown()) {
      return;
    }
    Instant now = co.now();
    co.policyFor(name).untilNext(Duration.between(quietSince, now), state, co.steps)
        .ifPresent(delay -> idleTimer.plan(now, delay, this::checkIdle));
  }

  private void cancelIdleCheck() {
    idleTimer.cancel();
  }

  private synchronized void checkIdle(long token) {
    if (!idleTimer.fire(token) || !mayStepDown()) {
      return;
    }
    Duration quiet = Duration.between(quietSince, co.now());
    Optional<BranchState> due = co.policyFor(name).due(quiet, co.steps);
    if (due.isPresent() && due.get().depth() > state.depth()) {
      if (due.get() != BranchState.IDLE) {
        beginSleep(due.get(), false);
        return;
      }
      transitionTo(BranchState.IDLE);
      co.workers.execute(() -> SleepNotice.send(co, name, BranchState.IDLE));
    }
    scheduleIdleCheck();
  }

  // ---- state --------------------------------------------------------------------------------

  /** The one place the state changes; throws on a move the table in {@link BranchState} forbids. */
  synchronized void transitionTo(BranchState next) {
    checkCanMoveTo(next);
    BranchState from = state;
    state = next;
    Instant now = co.now();
    account.enter(next, now);
    saveUsage(now);
    co.notifications.publish(l -> l.stateChanged(name, from, next));
    if (next.isSettled()) {
      settle();
    }
  }

  private void checkCanMoveTo(BranchState next) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException("branch \"" + name + "\": " + state + " -> " + next
          + " is not a legal transition (from " + state + " only to " + state.next() + ")");
    }
  }

  /** Queues the account for the driver (off this thread), e.g. at close. */
  synchronized void saveUsage() {
    saveUsage(co.now());
  }

  private void saveUsage(Instant now) {
    if (provisional || removed) {
      return;
    }
    co.counters.save(name, account.usage(now));
    planCheckpoint();
  }

  /** While the compute is up, its account is saved every {@code checkpointEvery} as well. */
  private void planCheckpoint() {
    if (!account.up() || co.counters.closed()) {
      if (checkpoint != null) {
        checkpoint.cancel(false);
        checkpoint = null;
      }
    } else if (checkpoint == null) {
      long mine = ++checkpoints;
      checkpoint = co.scheduler.schedule(() -> checkpoint(mine), co.checkpointEvery.toNanos(),
          TimeUnit.NANOSECONDS);
    }
  }

  private synchronized void checkpoint(long token) {
    if (token == checkpoints && checkpoint != null) {
      checkpoint = null;
      saveUsage(co.now());
    }
  }

  private void settle() {
    if (settled != null) {
      CompletableFuture<Void> s = settled;
      settled = null;
      co.workers.execute(() -> s.complete(null));
    }
  }

  synchronized BranchState state() {
    return state;
  }

  synchronized BranchInfo info() {
    Instant now = co.now();
    return new BranchInfo(name, parent, state, Optional.ofNullable(lastResume), Optional.ofNullable(endpoint),
        created, account.compute(now), account.wall(now), account.since(), activity, Optional.ofNullable(failure));
  }

  synchronized Map<String, String> parameters() {
    return parameters;
  }

  /** True if the values changed. */
  synchronized boolean rememberParameters(Map<String, String> values) {
    if (values.equals(parameters)) {
      return false;
    }
    parameters = Map.copyOf(values);
    return true;
  }

  @Override
  public String toString() {
    return "Branch[" + name + "]";
  }
}
