package dev.pgwake.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One row of SHOW BRANCHES.
 *
 * @param name the branch
 * @param parent the branch it was created from, if any
 * @param state its state now
 * @param lastResume what its last wake had to do, if it woke since pgwake started
 * @param endpoint where it listens (or will once woken), if known
 * @param created when it was created, as the driver recorded it
 * @param compute time its compute was up (RUNNING, IDLE, RESUMING, SUSPENDING) since {@code tracked}
 * @param wall time since {@code tracked}, never less than {@code compute}: both cover the same period
 * @param tracked since when pgwake has counted: the later of the first start that knew the branch and
 *     the branch's creation where the driver keeps the counts across restarts (local); else the later
 *     of this pgwake's start and the branch's creation
 * @param activity transactions or queries in progress now
 * @param failure why the last wake or sleep failed, while FAILED
 */
public record BranchInfo(String name, Optional<String> parent, BranchState state,
    Optional<ResumeKind> lastResume, Optional<Endpoint> endpoint, Instant created, Duration compute,
    Duration wall, Instant tracked, int activity, Optional<String> failure) {

  public OptionalInt port() {
    return endpoint.map(e -> OptionalInt.of(e.port())).orElse(OptionalInt.empty());
  }

  public double computeSeconds() {
    return compute.toNanos() / 1e9;
  }

  public double wallSeconds() {
    return wall.toNanos() / 1e9;
  }

  /** Share of wall time the compute was not up, 0 to 100; 0 when no time has passed. */
  public double savingPercent() {
    return wall.isZero() ? 0 : 100.0 * (1 - computeSeconds() / wallSeconds());
  }
}
