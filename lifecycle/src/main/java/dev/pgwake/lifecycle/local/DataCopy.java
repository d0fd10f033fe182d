package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.LifecycleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A consistent copy of a branch's data directory for a new branch. From a running server: {@code
 * pg_basebackup} over its Unix socket (fast checkpoint, WAL streamed alongside, so the copy starts
 * consistent after a short recovery). From a stopped one: {@code cp -a --reflink=auto}, a
 * copy-on-write clone where the file system supports it (XFS, btrfs), a plain copy elsewhere. Both run
 * as the server's user; the target must not exist yet.
 */
final class DataCopy {

  private static final Duration COPY_TIMEOUT = Duration.ofMinutes(30);
  /** pg_basebackup --no-manifest exists from PostgreSQL 13. */
  private static final int MANIFEST_OPTION_SINCE = 13;

  private DataCopy() {
  }

  static void fromRunning(PostgresBinaries bins, PostgresCluster parent, Path target) {
    List<String> command = new ArrayList<>(List.of(bins.pgBasebackup().toString(),
        "-D", target.toString(), "-X", "stream", "-c", "fast", "--no-sync",
        "-h", parent.socketDirectory().toString(), "-p", Integer.toString(parent.port()),
        "-U", parent.superuser()));
    if (bins.majorVersion() >= MANIFEST_OPTION_SINCE) {
      command.add("--no-manifest");
    }
    run(parent.runAs(), command, target);
  }

  static void fromStopped(OsUser runAs, Path source, Path target) {
    run(runAs, List.of("cp", "-a", "--reflink=auto", source.toString(), target.toString()), target);
    try {
      Files.deleteIfExists(target.resolve(PostmasterPidFile.FILE_NAME));
      Files.deleteIfExists(target.resolve("postmaster.opts"));
    } catch (IOException e) {
      throw ClusterLayout.systemError("cannot clean the copy " + target, e);
    }
  }

  private static void run(OsUser runAs, List<String> command, Path target) {
    CommandRunner.Result result = CommandRunner.run(runAs.processBuilder(command, target.getParent()), COPY_TIMEOUT);
    if (!result.succeeded()) {
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "cannot copy data into " + target + ": "
          + CommandRunner.describe(command) + " exited with " + result.exitCode() + ": " + result.output());
    }
  }
}
