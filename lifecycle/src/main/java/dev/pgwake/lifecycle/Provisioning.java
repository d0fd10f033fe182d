package dev.pgwake.lifecycle;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The wakes that need more than one driver call: recovering a branch the coordinator does not know
 * (or whose last operation failed) by asking the driver what is true, and creating a branch from its
 * parent while the parent is held still (awake or stopped, never frozen, archived or half-way).
 */
final class Provisioning {

  /** How often a parent may slip into another state between waking it and holding it. */
  private static final int PIN_ATTEMPTS = 5;

  private final Coordination co;
  private final Branches branches;
  private final String defaultBranch;
  private final boolean autoCreate;

  Provisioning(Coordination co, Branches branches, String defaultBranch, boolean autoCreate) {
    this.co = co;
    this.branches = branches;
    this.defaultBranch = defaultBranch;
    this.autoCreate = autoCreate;
  }

  static Endpoint resume(ComputeDriver driver, String branch, ResumeKind kind, Consumer<Endpoint> accepting) {
    switch (kind) {
      case HOT:
        return driver.resumeHot(branch);
      case WARM:
        return driver.resumeWarm(branch, accepting);
      case COLD:
        return driver.resumeCold(branch, accepting);
      default:
        throw new IllegalArgumentException("nothing to resume for " + kind);
    }
  }

  /** Finds out from the driver where {@code b} stands and wakes it from there; creates it if allowed. */
  CompletableFuture<Resumed> recover(Branch b) {
    String name = b.name();
    return CompletableFuture.supplyAsync(() -> co.driver.find(name), co.workers).thenCompose(found -> {
      if (found.isPresent()) {
        return resumeFrom(b, found.get());
      }
      if (!b.isProvisional()) {
        throw new CompletionException(new LifecycleException(LifecycleException.UNKNOWN_BRANCH,
            "branch \"" + name + "\" no longer exists in the " + co.driver.kind() + " driver"));
      }
      if (mayCreate(name)) {
        b.resumingAs(ResumeKind.COLD);
        return create(name, defaultParentOf(name));
      }
      throw new CompletionException(branches.unknown(name));
    });
  }

  private CompletableFuture<Resumed> resumeFrom(Branch b, BranchRecord record) {
    if (record.state() == BranchState.RUNNING) {
      return CompletableFuture.completedFuture(
          new Resumed(record.endpoint().orElseThrow(), ResumeKind.NONE, Optional.of(record)));
    }
    ResumeKind kind = ResumeKind.from(record.state());
    b.resumingAs(kind);
    return CompletableFuture.supplyAsync(
        () -> new Resumed(resume(co.driver, record.name(), kind, at -> { }), kind, Optional.of(record)), co.workers);
  }

  boolean mayCreate(String name) {
    return co.driver.canCreate() && (autoCreate || name.equals(defaultBranch));
  }

  /** No parent for the default branch itself (a new, empty cluster); the default branch for others. */
  Optional<String> defaultParentOf(String name) {
    return name.equals(defaultBranch) ? Optional.empty() : Optional.of(defaultBranch);
  }

  /** Creates and starts {@code name}; a parent is held still (and woken if it must be) meanwhile. */
  CompletableFuture<Resumed> create(String name, Optional<String> parent) {
    if (parent.isEmpty()) {
      return CompletableFuture.supplyAsync(() -> created(co.driver.create(name, parent)), co.workers);
    }
    return pin(parent.get(), PIN_ATTEMPTS).thenCompose(held ->
        CompletableFuture.supplyAsync(() -> created(co.driver.create(name, parent)), co.workers)
            .whenComplete((r, e) -> held.activityEnded()));
  }

  private static Resumed created(BranchRecord record) {
    return new Resumed(record.endpoint().orElseThrow(() -> new IllegalStateException(
        "driver created branch " + record.name() + " without an endpoint")), ResumeKind.COLD, Optional.of(record));
  }

  /** The parent, held (as activity) in RUNNING, IDLE or STOPPED: waking it first when it is elsewhere. */
  private CompletableFuture<Branch> pin(String parent, int attempts) {
    Branch p = branches.branch(parent);
    if (p != null && p.pinForCopy()) {
      return CompletableFuture.completedFuture(p);
    }
    if (p == null && !parent.equals(defaultBranch)) {
      return CompletableFuture.failedFuture(new LifecycleException(LifecycleException.UNKNOWN_BRANCH,
          "parent branch \"" + parent + "\" does not exist"));
    }
    if (attempts == 0) {
      return CompletableFuture.failedFuture(new LifecycleException("55000",
          "parent branch \"" + parent + "\" kept changing state; try again"));
    }
    return branches.ensureRunning(parent).thenCompose(w -> pin(parent, attempts - 1));
  }
}
