package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.LifecycleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * The storage area of the data root ({@code <dataRoot>/storage}): one compressed snapshot per archived
 * branch, {@code <name>.tar.gz}, holding its {@code data} directory. Made with the system {@code tar}
 * as the JVM's user (numeric owners kept, so a root JVM restores files owned by the server's user),
 * first under a temporary name, then renamed, so a half-written archive is never taken for a whole
 * one. Callers serialise per branch.
 */
final class Storage {

  private static final Duration TAR_TIMEOUT = Duration.ofMinutes(30);

  private final Path dir;

  Storage(Path dataRoot) {
    this.dir = dataRoot.resolve("storage");
  }

  Path archiveOf(String branch) {
    return dir.resolve(branch + ".tar.gz");
  }

  boolean has(String branch) {
    return Files.isRegularFile(archiveOf(branch));
  }

  /** Archives {@code branchDir/data} (a stopped cluster) as {@code <branch>.tar.gz}. */
  void save(String branch, Path branchDir) {
    Path partial = dir.resolve(branch + ".tar.gz.partial");
    try {
      Files.createDirectories(dir);
      run(List.of("tar", "--numeric-owner", "-czf", partial.toString(), "-C", branchDir.toString(), "data"),
          "archive branch " + branch);
      Files.move(partial, archiveOf(branch), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw ClusterLayout.systemError("cannot store the archive of branch " + branch, e);
    }
  }

  /** Extracts the archive into {@code branchDir}, giving back {@code branchDir/data}. */
  void restore(String branch, Path branchDir) {
    run(List.of("tar", "--numeric-owner", "--same-permissions", "-xzf", archiveOf(branch).toString(),
        "-C", branchDir.toString()), "restore branch " + branch);
  }

  void delete(String branch) {
    try {
      Files.deleteIfExists(archiveOf(branch));
      Files.deleteIfExists(dir.resolve(branch + ".tar.gz.partial"));
    } catch (IOException e) {
      throw ClusterLayout.systemError("cannot delete the archive of branch " + branch, e);
    }
  }

  private static void run(List<String> command, String what) {
    CommandRunner.Result result = CommandRunner.run(new ProcessBuilder(command), TAR_TIMEOUT);
    if (!result.succeeded()) {
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "cannot " + what + ": "
          + CommandRunner.describe(command) + " exited with " + result.exitCode() + ": " + result.output());
    }
  }
}
