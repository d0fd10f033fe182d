package dev.pgwake.lifecycle;

import java.util.concurrent.CompletableFuture;

/** Does the real work of making a branch's compute reachable (resume, start, provision). */
public interface ComputeDriver {

  /**
   * Completes with where the branch's PostgreSQL listens once it accepts connections. Never blocks
   * the caller. Fails with a {@link LifecycleException} whose SQLSTATE the proxy forwards to clients
   * (for example {@code 3D000} for an unknown branch, {@code 57P03} when it cannot be woken).
   */
  CompletableFuture<Endpoint> ensureRunning(String branch);

  /** Short name of this driver as used in configuration: {@code "static"}, {@code "local"}, ... */
  String kind();
}
