package dev.pgwake.lifecycle.local;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code kill(2)} from libc through JNA, for {@link Signals}: microseconds, on the caller's thread. Only on
 * Linux architectures that number signals the common way (SIGHUP 1, SIGINT 2, SIGCONT 18, SIGSTOP 19).
 */
final class Libc {

  private static final System.Logger LOG = System.getLogger(Libc.class.getName());
  private static final Map<String, Integer> NUMBERS = Map.of("HUP", 1, "INT", 2, "CONT", 18, "STOP", 19);
  private static final Set<String> COMMON_NUMBERING = Set.of("x86-64", "x86", "aarch64", "arm", "riscv64",
      "ppc64le", "s390x");
  private static final int NO_SUCH_PROCESS = 3; // ESRCH

  /** The C function. */
  interface C extends Library {
    int kill(int pid, int signal) throws LastErrorException;
  }

  private final C c;

  private Libc(C c) {
    this.c = c;
  }

  /** libc, or null where it cannot be used (then callers signal another way). */
  static Libc load() {
    if (!Platform.isLinux() || !COMMON_NUMBERING.contains(Platform.ARCH)) {
      return null;
    }
    try {
      return new Libc(Native.load("c", C.class));
    } catch (LinkageError | RuntimeException e) {
      LOG.log(Level.INFO, "libc's kill() is not available through JNA (" + e + "): signals go through a shell");
      return null;
    }
  }

  /**
   * Sends {@code signal} to each target ({@code pid}, or {@code -pgid} for a process group); a target that
   * has exited is skipped. False if a call was refused for another reason (nothing is thrown: the caller
   * tries another way, and signalling twice is harmless for these signals).
   */
  boolean send(String signal, List<String> targets) {
    int number = NUMBERS.get(signal);
    for (String target : targets) {
      try {
        c.kill(Integer.parseInt(target), number);
      } catch (LastErrorException e) {
        if (e.getErrorCode() != NO_SUCH_PROCESS) {
          LOG.log(Level.DEBUG, "kill(" + target + ", SIG" + signal + ") failed: errno " + e.getErrorCode());
          return false;
        }
      }
    }
    return true;
  }
}
