package dev.pgwake.lifecycle.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code postmaster.pid} lock file a running server keeps in its data directory. Lines: 1 pid,
 * 2 data directory, 3 start time, 4 port, 5 socket directory, 6 listen address, 7 shared memory key,
 * 8 status ({@code starting}, {@code stopping}, {@code ready}, {@code standby}). The server writes it
 * in steps, so a read may see only the first lines. It disappears when the postmaster exits cleanly,
 * after its sockets are closed.
 *
 * @param pid postmaster process id
 * @param status the status line, "" if not written yet
 */
record PostmasterPidFile(long pid, String status) {

  static final String FILE_NAME = "postmaster.pid";
  private static final int STATUS_LINE = 8;

  static Path in(Path dataDir) {
    return dataDir.resolve(FILE_NAME);
  }

  static boolean exists(Path dataDir) {
    return Files.exists(in(dataDir));
  }

  /** The lock file's content, or empty if there is none (or it is being written). */
  static Optional<PostmasterPidFile> read(Path dataDir) {
    try {
      List<String> lines = Files.readAllLines(in(dataDir), StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(0).strip());
      String status = lines.size() >= STATUS_LINE ? lines.get(STATUS_LINE - 1).strip() : "";
      return Optional.of(new PostmasterPidFile(pid, status));
    } catch (IOException | NumberFormatException gone) {
      return Optional.empty();
    }
  }

  /** The server finished starting up and accepts connections. */
  boolean ready() {
    return "ready".equals(status);
  }

  /**
   * A process with this pid exists and, as far as we may know, runs the postgres program. A pid file
   * left by a crash can name a pid the system has since given to another program, which must never
   * be signalled. (A zombie not yet reaped by its parent still counts as alive.)
   */
  boolean processAlive() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(handle -> handle.info().command().map(PostmasterPidFile::isPostgres).orElse(true))
        .orElse(false);
  }

  private static boolean isPostgres(String command) {
    return command.equals("postgres") || command.endsWith("/postgres");
  }
}
