package dev.pgwake.lifecycle.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The fields of {@code /proc/<pid>/stat} that freezing needs. The command name (field 2) is in
 * parentheses and may itself hold spaces and parentheses, so fields are counted after the last ')'.
 *
 * @param pid the process
 * @param state R running, S sleeping, D disk sleep, T stopped (SIGSTOP), t traced, Z zombie, ...
 * @param parent the parent's pid
 * @param group the process group id
 */
record ProcStat(long pid, char state, long parent, long group) {

  /** The process's stat, or empty if it has gone (or there is no /proc). */
  static Optional<ProcStat> read(long pid) {
    try {
      return Optional.of(parse(pid, Files.readString(Path.of("/proc", Long.toString(pid), "stat"),
          StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }

  static ProcStat parse(long pid, String line) {
    int close = line.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc stat line: " + line);
    }
    String[] fields = line.substring(close + 1).strip().split(" ");
    return new ProcStat(pid, fields[0].charAt(0), Long.parseLong(fields[1]), Long.parseLong(fields[2]));
  }

  /**
   * The pids of {@code pid}'s children, from {@code /proc/<pid>/task/<tid>/children} (one read per
   * thread, instead of scanning every process as {@link ProcessHandle#children()} does); falls back
   * to {@link ProcessHandle} where the kernel does not offer that file.
   */
  static List<Long> children(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    List<Long> children = new ArrayList<>();
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        String list = Files.readString(thread.resolve("children"), StandardCharsets.US_ASCII).strip();
        if (!list.isEmpty()) {
          for (String child : list.split("\\s+")) {
            children.add(Long.parseLong(child));
          }
        }
      }
      return children;
    } catch (IOException | RuntimeException noChildrenFile) {
      return ProcessHandle.of(pid).map(h -> h.children().map(ProcessHandle::pid).toList()).orElse(List.of());
    }
  }

  /** Stopped by a signal (SIGSTOP): {@code T}. */
  boolean stopped() {
    return state == 'T';
  }

  /** Exited (zombie or dead): signals no longer matter. */
  boolean exited() {
    return state == 'Z' || state == 'X' || state == 'x';
  }
}
