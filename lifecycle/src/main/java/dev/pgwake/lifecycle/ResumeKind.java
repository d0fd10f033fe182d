package dev.pgwake.lifecycle;

import java.util.Locale;

/** What a wake had to do, named by the work it took. */
public enum ResumeKind {
  /** Nothing: the branch was already running (or idle). */
  NONE("no resume: already running"),
  /** Unfreeze a suspended compute (SIGCONT, unpause). */
  HOT("hot resume: unfreezing the suspended compute"),
  /** Start a stopped compute whose data is local. */
  WARM("warm resume: starting the stopped compute"),
  /** Provision a compute whose data is not local: a new branch from its parent, or an archived one. */
  COLD("cold resume: provisioning the compute from its parent or from storage");

  private final String description;

  ResumeKind(String description) {
    this.description = description;
  }

  /** The kind of resume that wakes a branch resting in {@code state}. */
  public static ResumeKind from(BranchState state) {
    switch (state) {
      case RUNNING:
      case IDLE:
        return NONE;
      case SUSPENDED:
        return HOT;
      case STOPPED:
        return WARM;
      case ARCHIVED:
        return COLD;
      default:
        throw new IllegalArgumentException("no resume kind starts from " + state);
    }
  }

  /** For messages, e.g. "warm resume: starting the stopped compute". */
  public String description() {
    return description;
  }

  /** Lower-case name, as shown by SHOW BRANCHES. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
