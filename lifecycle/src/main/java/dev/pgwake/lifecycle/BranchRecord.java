package dev.pgwake.lifecycle;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ComputeDriver} knows about one branch: its catalog entry and the state its compute is
 * in right now.
 *
 * @param name the branch
 * @param parent the branch it was created from, if any
 * @param created when it was created (or first seen)
 * @param state one of RUNNING, SUSPENDED, STOPPED, ARCHIVED
 * @param endpoint where it listens (or will listen once woken), if known
 * @param parameters cached ParameterStatus values, opaque to the driver
 * @param usage the compute and wall time last saved with its catalog entry ({@link
 *     ComputeDriver#saveUsage}); empty where the driver keeps none (then counting starts now)
 */
public record BranchRecord(String name, Optional<String> parent, Instant created, BranchState state,
    Optional<Endpoint> endpoint, Map<String, String> parameters, Optional<ComputeUsage> usage) {

  public BranchRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(usage, "usage");
    parameters = Map.copyOf(parameters);
    if (state.depth() < 0 || state == BranchState.IDLE) {
      throw new IllegalArgumentException("a driver reports RUNNING, SUSPENDED, STOPPED or ARCHIVED, not " + state);
    }
    if (state == BranchState.RUNNING && endpoint.isEmpty()) {
      throw new IllegalArgumentException("a running branch needs an endpoint: " + name);
    }
  }

  /** A record with no saved compute time: for drivers without a catalog of their own. */
  public BranchRecord(String name, Optional<String> parent, Instant created, BranchState state,
      Optional<Endpoint> endpoint, Map<String, String> parameters) {
    this(name, parent, created, state, endpoint, parameters, Optional.empty());
  }

  /** A running branch with no parent and no cached parameters. */
  public static BranchRecord running(String name, Endpoint endpoint, Instant created) {
    return new BranchRecord(name, Optional.empty(), created, BranchState.RUNNING, Optional.of(endpoint), Map.of());
  }

  public BranchRecord withState(BranchState next) {
    return new BranchRecord(name, parent, created, next, endpoint, parameters, usage);
  }
}
