package dev.pgwake.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Does the real work behind {@link Branches}: resume, sleep, create and drop one branch's compute.
 *
 * <p>Every operation blocks and runs on the coordinator's worker threads, never on a caller's (an
 * event loop). The coordinator calls at most one of {@code resume*}, {@code suspend}, {@code stop},
 * {@code archive} and {@code drop} at a time for a branch, in an order its state machine allows; a
 * driver must still tolerate finding the compute in another state than expected (after a crash or a
 * failed operation) and do the sensible thing, e.g. {@code resumeHot} of a compute that is not frozen.
 * {@link #create} may read the parent while the parent is running; the coordinator holds the parent
 * awake (or stopped) meanwhile, and the driver keeps the parent's own operations out while it copies.
 *
 * <p>Failures are {@link LifecycleException}s: {@code 3D000} for a branch that does not exist, {@code
 * 0A000} for an operation this driver does not offer, {@code 58000} for a failed program or I/O. The
 * coordinator turns other failures of a wake into {@code 57P03} for clients, keeping the cause.
 */
public interface ComputeDriver extends AutoCloseable {

  /** Short name as used in configuration: {@code "static"}, {@code "local"}, {@code "http"}. */
  String kind();

  /** Every branch known when the coordinator starts, with the state its compute is in now. */
  List<BranchRecord> catalog();

  /**
   * What is true about {@code branch} now, or empty if the driver does not know it. The coordinator
   * asks for branches it does not know and after a failure, before it tries again.
   */
  Optional<BranchRecord> find(String branch);

  /** The sleep states this driver can put a branch in: a subset of SUSPENDED, STOPPED, ARCHIVED. */
  Set<BranchState> sleepStates();

  /**
   * True when a suspended compute keeps listening at its endpoint, frozen, so that a connection opened
   * while it is suspended reaches that same compute once resumed (the local driver's SIGSTOP). The proxy
   * then opens a server connection in parallel with a hot resume. Default false: a control plane may move
   * or reuse the address of a suspended compute.
   */
  default boolean suspendKeepsEndpoint() {
    return false;
  }

  /** True when {@link #create} works (then {@code auto_create_branches} defaults to on). */
  default boolean canCreate() {
    return false;
  }

  /** SUSPENDED -> RUNNING: unfreeze. */
  default Endpoint resumeHot(String branch) {
    throw unsupported("resume (hot)");
  }

  /** STOPPED -> RUNNING: start the compute over its local data; returns once it accepts connections. */
  default Endpoint resumeWarm(String branch) {
    throw unsupported("resume (warm)");
  }

  /** ARCHIVED -> RUNNING: restore the data from storage, then start. */
  default Endpoint resumeCold(String branch) {
    throw unsupported("resume (cold)");
  }

  /**
   * {@link #resumeWarm}, telling {@code accepting} where the compute accepts connections as soon as it does,
   * before the driver has made sure of it with a connection of its own and returned: the proxy opens its
   * server connection meanwhile. At most once, from the calling thread. Default: no early word.
   */
  default Endpoint resumeWarm(String branch, Consumer<Endpoint> accepting) {
    return resumeWarm(branch);
  }

  /** {@link #resumeCold}, with an early word as {@link #resumeWarm(String, Consumer)} gives it. */
  default Endpoint resumeCold(String branch, Consumer<Endpoint> accepting) {
    return resumeCold(branch);
  }

  /**
   * Creates {@code branch} from a consistent snapshot of {@code parent} (empty: a new, empty cluster)
   * and starts it; returns its record (RUNNING). {@code 42P04} if it exists.
   */
  default BranchRecord create(String branch, Optional<String> parent) {
    throw unsupported("create branches");
  }

  /** RUNNING -> SUSPENDED: freeze, memory kept. */
  default void suspend(String branch) {
    throw unsupported("suspend");
  }

  /** RUNNING or SUSPENDED -> STOPPED: compute gone, data kept locally. */
  default void stop(String branch) {
    throw unsupported("stop");
  }

  /** Any local state -> ARCHIVED: stop if needed, move the data to storage. */
  default void archive(String branch) {
    throw unsupported("archive");
  }

  /** Stops the compute if needed and deletes the branch with all its data. */
  default void drop(String branch) {
    throw unsupported("drop branches");
  }

  /** Persists the branch's cached ParameterStatus values with its catalog entry, if the driver has one. */
  default void saveParameters(String branch, Map<String, String> parameters) {
  }

  /**
   * Persists the branch's compute and wall time with its catalog entry, if the driver has one, to be
   * returned as {@link BranchRecord#usage} by {@link #catalog} and {@link #find} after a restart. The
   * coordinator calls it, one call at a time per branch and never with an older account after a newer
   * one, at every state change, every {@link Branches.Builder#checkpointEvery} while the compute is up,
   * and at {@link Branches#close}. A branch the driver does not know is ignored. Default: nothing is
   * kept (drivers without a catalog count in memory, from their start).
   */
  default void saveUsage(String branch, ComputeUsage usage) {
  }

  /**
   * The proxy's call before it switched to {@link Branches#ensureRunning}: kept so that it compiles.
   *
   * @deprecated use {@link Branches#ensureRunning(String)}, which adds single flight, sleep and resume kinds
   */
  @Deprecated
  default CompletableFuture<Endpoint> ensureRunning(String branch) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException(
        "the " + kind() + " driver is used through Branches.ensureRunning"));
  }

  /** Releases the driver's own resources; computes keep running (a restart adopts them). */
  @Override
  default void close() {
  }

  private LifecycleException unsupported(String what) {
    return new LifecycleException(LifecycleException.FEATURE_NOT_SUPPORTED,
        "the " + kind() + " driver cannot " + what);
  }
}
