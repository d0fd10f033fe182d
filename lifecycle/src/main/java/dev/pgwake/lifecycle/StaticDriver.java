package dev.pgwake.lifecycle;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Fixed host:port per branch, always running: plain pooling, or a sidecar in front of one pod.
 * Thread-safe and immutable.
 */
public final class StaticDriver implements ComputeDriver {

  /** SQLSTATE invalid_catalog_name, which PostgreSQL sends for a database that does not exist. */
  static final String UNKNOWN_BRANCH = "3D000";
  private static final int NAMES_IN_MESSAGE = 10;

  private final Map<String, Endpoint> branches;
  private final String servedBranches;

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
  public CompletableFuture<Endpoint> ensureRunning(String branch) {
    Objects.requireNonNull(branch, "branch");
    Endpoint endpoint = branches.get(branch);
    if (endpoint != null) {
      return CompletableFuture.completedFuture(endpoint);
    }
    return CompletableFuture.failedFuture(new LifecycleException(UNKNOWN_BRANCH,
        "branch \"" + branch + "\" does not exist: this pgwake serves branches "
            + servedBranches + " (static driver)"));
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
