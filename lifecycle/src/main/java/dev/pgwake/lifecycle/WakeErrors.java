package dev.pgwake.lifecycle;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The errors a wake's waiters get: what clients see as ErrorResponse, so each names branch and kind. */
final class WakeErrors {

  private WakeErrors() {
  }

  /** Kind of the wake for messages; {@code resuming} null while a recovery has not found out yet. */
  static String doing(ResumeKind resuming) {
    return resuming == null ? "recovering from a failure" : resuming.description();
  }

  /** 57P03 for {@code wake_timeout}; the wake itself goes on. */
  static LifecycleException timeout(String branch, Duration wakeTimeout, String doing) {
    return new LifecycleException(LifecycleException.CANNOT_CONNECT_NOW, "branch \"" + branch
        + "\" did not wake within wake_timeout (" + wakeTimeout.toMillis() + " ms; " + doing
        + "); it goes on waking: connect again shortly");
  }

  /** 57P03 with the cause, except unknown branches (3D000) and bad names (class 42), kept as they are. */
  static LifecycleException failed(String branch, ResumeKind resuming, Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof LifecycleException) {
      String sqlState = ((LifecycleException) cause).sqlState();
      if (sqlState.equals(LifecycleException.UNKNOWN_BRANCH) || sqlState.startsWith("42")) {
        return (LifecycleException) cause;
      }
    }
    return new LifecycleException(LifecycleException.CANNOT_CONNECT_NOW, "branch \"" + branch
        + "\" could not be woken (" + doing(resuming) + "): " + cause.getMessage(), cause);
  }

  static LifecycleException dropped(String branch, String when) {
    return new LifecycleException(LifecycleException.UNKNOWN_BRANCH, "branch \"" + branch + "\" was dropped" + when);
  }

  static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
