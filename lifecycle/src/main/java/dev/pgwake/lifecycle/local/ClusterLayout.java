package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.LifecycleException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Where a cluster's files live: the data directory, the server log next to it ({@code <data>.log}, so
 * cloning the data directory does not copy the log), and the Unix socket directory (the data
 * directory unless its socket path would not fit in sun_path).
 */
final class ClusterLayout {

  /** A Unix socket path must fit sun_path: 108 bytes including the terminating zero. */
  static final int MAX_SOCKET_PATH = 106;
  private static final int LOG_TAIL_LINES = 30;
  private static final String OWNER_ONLY = "rwx------";

  private final Path dataDir;
  private final Path logFile;
  private final Path socketDir;

  ClusterLayout(Path dataDir, int port) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    if (this.dataDir.getParent() == null) {
      throw new IllegalArgumentException("the data directory cannot be the file system root");
    }
    this.logFile = this.dataDir.resolveSibling(this.dataDir.getFileName() + ".log");
    this.socketDir = socketDirectoryFor(this.dataDir, port);
  }

  Path dataDir() {
    return dataDir;
  }

  Path logFile() {
    return logFile;
  }

  Path socketDir() {
    return socketDir;
  }

  /** Where programs run: the data directory's parent, which {@code runAs} can reach. */
  Path workingDir() {
    return dataDir.getParent();
  }

  /** Creates the data directory (mode 700, owned by {@code runAs}); it must be missing or empty. */
  void prepareEmptyDataDirectory(OsUser runAs) {
    try {
      if (Files.isDirectory(dataDir)) {
        try (Stream<Path> entries = Files.list(dataDir)) {
          if (entries.findAny().isPresent()) {
            throw new LifecycleException(CommandRunner.SYSTEM_ERROR,
                "cannot init " + dataDir + ": the directory is not empty");
          }
        }
      }
      Files.createDirectories(dataDir);
      Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString(OWNER_ONLY));
    } catch (IOException e) {
      throw systemError("cannot create " + dataDir, e);
    }
    runAs.own(dataDir);
    runAs.checkCanReach(dataDir);
  }

  /** Creates the socket directory when it is not the data directory. */
  void prepareSocketDirectory(OsUser runAs) {
    if (socketDir.equals(dataDir)) {
      return;
    }
    try {
      Files.createDirectories(socketDir);
      Files.setPosixFilePermissions(socketDir, PosixFilePermissions.fromString(OWNER_ONLY));
    } catch (IOException e) {
      throw systemError("cannot create the socket directory " + socketDir, e);
    }
    runAs.own(socketDir);
  }

  /** Removes the socket directory once the stopped server has removed its socket from it. */
  void removeSocketDirectory() {
    if (socketDir.equals(dataDir)) {
      return;
    }
    try {
      Files.deleteIfExists(socketDir);
    } catch (IOException notEmptyOrInUse) {
      // another server still uses it, or a crash left a socket behind: leave it
    }
  }

  /** Adds a timestamped pgwake note to the server log. */
  void appendToLog(String text) {
    String entry = Instant.now() + " pgwake: " + text.strip() + "\n";
    try {
      Files.writeString(logFile, entry, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw systemError("cannot write the server log " + logFile, e);
    }
  }

  String logTail() {
    return LogTail.of(logFile, LOG_TAIL_LINES);
  }

  static Path socketDirectoryFor(Path dataDir, int port) {
    String socketName = "/.s.PGSQL." + port;
    if ((dataDir + socketName).getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH) {
      return dataDir;
    }
    return Path.of("/tmp", "pgwake-" + port + "-" + Integer.toHexString(dataDir.hashCode()));
  }

  static LifecycleException systemError(String message, IOException cause) {
    return new LifecycleException(CommandRunner.SYSTEM_ERROR, message + ": " + cause.getMessage(), cause);
  }
}
