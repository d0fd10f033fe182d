package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.ComputeUsage;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One branch in the local driver's catalog, as written to {@code branch.properties}.
 *
 * @param name the branch (also its directory name)
 * @param parent the branch it was copied from
 * @param created when it was created
 * @param state the state the driver last put it in: RUNNING, SUSPENDED, STOPPED or ARCHIVED (the
 *     processes on the machine decide on restart; this settles what they cannot tell)
 * @param port its TCP port on 127.0.0.1
 * @param parameters cached ParameterStatus values, opaque here
 * @param usage the coordinator's compute and wall time as last saved, opaque here; empty before the
 *     first save
 */
record CatalogEntry(String name, Optional<String> parent, Instant created, BranchState state, int port,
    Map<String, String> parameters, Optional<ComputeUsage> usage) {

  CatalogEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(usage, "usage");
    parameters = Map.copyOf(parameters);
  }

  CatalogEntry withState(BranchState next) {
    return new CatalogEntry(name, parent, created, next, port, parameters, usage);
  }

  CatalogEntry withPort(int next) {
    return new CatalogEntry(name, parent, created, state, next, parameters, usage);
  }

  CatalogEntry withParameters(Map<String, String> next) {
    return new CatalogEntry(name, parent, created, state, port, next, usage);
  }

  CatalogEntry withUsage(ComputeUsage next) {
    return new CatalogEntry(name, parent, created, state, port, parameters, Optional.of(next));
  }
}
