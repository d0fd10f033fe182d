package dev.pgwake.lifecycle;

import java.util.Optional;

/** The outcome of one resume operation, before it is handed to waiters as a {@link Wake}. */
record Resumed(Endpoint endpoint, ResumeKind kind, Optional<BranchRecord> record) {

  static Resumed of(Endpoint endpoint, ResumeKind kind) {
    return new Resumed(endpoint, kind, Optional.empty());
  }
}
