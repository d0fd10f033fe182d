package dev.pgwake.lifecycle;

import java.time.Duration;
import java.util.Objects;

/**
 * A finished wake: where the branch now listens, what the wake had to do, and how long its callers
 * waited (from the first caller's arrival; zero for {@link ResumeKind#NONE}). Every caller of one
 * shared wake gets the same value.
 */
public record Wake(Endpoint endpoint, ResumeKind kind, Duration took) {

  public Wake {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(took, "took");
  }
}
