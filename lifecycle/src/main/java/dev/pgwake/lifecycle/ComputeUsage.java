package dev.pgwake.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A branch's compute time beside its wall time, as counted up to {@code accountedAt}: what a driver
 * with a catalog keeps across restarts ({@link ComputeDriver#saveUsage}, {@link BranchRecord#usage}),
 * so the saving from scaling to zero does not start from nothing after every restart.
 *
 * @param compute time its compute was up (RUNNING, IDLE, RESUMING, SUSPENDING)
 * @param wall time it was counted; raised to {@code compute} if less (a damaged entry), so a saving is
 *     never negative
 * @param accountedAt when both were counted; empty when unknown (a damaged entry): then the time until
 *     the branch is adopted again is not counted at all
 */
public record ComputeUsage(Duration compute, Duration wall, Optional<Instant> accountedAt) {

  public ComputeUsage {
    Objects.requireNonNull(compute, "compute");
    Objects.requireNonNull(wall, "wall");
    Objects.requireNonNull(accountedAt, "accountedAt");
    if (compute.isNegative() || wall.isNegative()) {
      throw new IllegalArgumentException("compute and wall time cannot be negative: " + compute + ", " + wall);
    }
    if (wall.compareTo(compute) < 0) {
      wall = compute;
    }
  }

  /** Counted up to {@code at}. */
  public static ComputeUsage at(Duration compute, Duration wall, Instant at) {
    return new ComputeUsage(compute, wall, Optional.of(at));
  }
}
