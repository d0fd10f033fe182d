package dev.pgwake.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Fixed host:port per branch, always running: plain pooling, or a sidecar in front of one pod. It
 * cannot sleep, create or drop: under {@link Branches} its branches are RUNNING or IDLE (server
 * connections closed after {@code idle_after}), and an unknown branch gets 3D000 naming the branches
 * served. Thread-safe and immutable.
 */
public final class StaticDriver implements ComputeDriver {

  /** SQLSTATE invalid_catalog_name, which PostgreSQL sends for a database that does not exist. */
  static final String UNKNOWN_BRANCH = LifecycleException.UNKNOWN_BRANCH;
  private static final int NAMES_IN_MESSAGE = 10;

  private final Map<String, Endpoint> branches;
  private final String servedBranches;
  private final Instant created = Instant.now();

  public StaticDriver(Map<String, Endpoint> branches) {
    Objects.requireNonNull(branches, "branches");
    if (branches.isEmpty()) {
      throw new IllegalArgumentException("the static driver needs at least one branch");
    }
    TreeMap<String, Endpoint> sorted = new TreeMap<>();
    branches.forEach((name, endpoint) -> sorted.put(
        Objects.requireNonNull(name, "branch name"),
        Objects.requireNonNull(endpoint, () -> "endpoint of branch " + name)));
    this.branches = Map.copyOf(sorted);
    this.servedBranches = describe(sorted);
  }

  @Override
  public List<BranchRecord> catalog() {
    return branches.entrySet().stream()
        .map(e -> BranchRecord.running(e.getKey(), e.getValue(), created))
        .collect(Collectors.toUnmodifiableList());
  }

  @Override
  public Optional<BranchRecord> find(String branch) {
    return Optional.ofNullable(branches.get(branch)).map(e -> BranchRecord.running(branch, e, created));
  }

  /** None: a static branch is always on. */
  @Override
  public Set<BranchState> sleepStates() {
    return Set.of();
  }

  /** Always running: a resume of any kind just says where. */
  @Override
  public Endpoint resumeHot(String branch) {
    return endpointOf(branch);
  }

  @Override
  public Endpoint resumeWarm(String branch) {
    return endpointOf(branch);
  }

  @Override
  public Endpoint resumeCold(String branch) {
    return endpointOf(branch);
  }

  private Endpoint endpointOf(String branch) {
    Endpoint endpoint = branches.get(branch);
    if (endpoint == null) {
      throw unknown(branch);
    }
    return endpoint;
  }

  private LifecycleException unknown(String branch) {
    return new LifecycleException(UNKNOWN_BRANCH,
        "branch \"" + branch + "\" does not exist: this pgwake serves branches "
            + servedBranches + " (static driver)");
  }

  /** @deprecated use {@link Branches#ensureRunning(String)} */
  @Deprecated
  @Override
  public CompletableFuture<Endpoint> ensureRunning(String branch) {
    Objects.requireNonNull(branch, "branch");
    Endpoint endpoint = branches.get(branch);
    if (endpoint != null) {
      return CompletableFuture.completedFuture(endpoint);
    }
    return CompletableFuture.failedFuture(unknown(branch));
  }

  @Override
  public String kind() {
    return "static";
  }

  private static String describe(TreeMap<String, Endpoint> sorted) {
    String shown = sorted.keySet().stream()
        .limit(NAMES_IN_MESSAGE)
        .collect(Collectors.joining(", "));
    int hidden = sorted.size() - NAMES_IN_MESSAGE;
    return hidden > 0 ? shown + " and " + hidden + " more" : shown;
  }
}
