package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.LifecycleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The storage area of the data root ({@code <dataRoot>/storage}): one compressed snapshot per archived
 * branch, holding its {@code data} directory: {@code <name>.tar.zst} where the {@code zstd} program is
 * installed (it unpacks a fresh cluster in about half the time gzip takes, and the cold resume waits for
 * that), else {@code <name>.tar.gz}; either is restored, whichever was written. Made with the system
 * {@code tar} as the JVM's user (numeric owners kept, so a root JVM restores files owned by the server's
 * user), first under a temporary name, then renamed, so a half-written archive is never taken for a whole
 * one. Callers serialise per branch.
 */
final class Storage {

  /** How an archive is compressed: its file name's ending and the option that tells tar. */
  enum Compression {
    ZSTD(".tar.zst", "--zstd"),
    GZIP(".tar.gz", "--gzip");

    final String suffix;
    final String tarOption;

    Compression(String suffix, String tarOption) {
      this.suffix = suffix;
      this.tarOption = tarOption;
    }

    /** zstd where the program is on the PATH, else gzip. */
    static Compression available() {
      return CommandRunner.onPath("zstd").isPresent() ? ZSTD : GZIP;
    }
  }

  private static final Duration TAR_TIMEOUT = Duration.ofMinutes(30);

  private final Path dir;
  private final Compression writes;

  Storage(Path dataRoot) {
    this(dataRoot, Compression.available());
  }

  Storage(Path dataRoot, Compression writes) {
    this.dir = dataRoot.resolve("storage");
    this.writes = writes;
  }

  /** The branch's archive: the one there is (in either compression), else where one would be written. */
  Path archiveOf(String branch) {
    return existing(branch).orElse(file(branch, writes));
  }

  boolean has(String branch) {
    return existing(branch).isPresent();
  }

  /** Archives {@code branchDir/data} (a stopped cluster); an archive of it in the other compression goes. */
  void save(String branch, Path branchDir) {
    Path partial = partial(branch, writes);
    try {
      Files.createDirectories(dir);
      run(List.of("tar", "--numeric-owner", writes.tarOption, "-cf", partial.toString(), "-C", branchDir.toString(),
          "data"), "archive branch " + branch);
      Files.move(partial, file(branch, writes), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      for (Compression other : Compression.values()) {
        if (other != writes) {
          Files.deleteIfExists(file(branch, other));
        }
      }
    } catch (IOException e) {
      throw ClusterLayout.systemError("cannot store the archive of branch " + branch, e);
    }
  }

  /** Extracts the archive into {@code branchDir}, giving back {@code branchDir/data}. */
  void restore(String branch, Path branchDir) {
    Path archive = archiveOf(branch);
    Compression compression = archive.getFileName().toString().endsWith(Compression.ZSTD.suffix)
        ? Compression.ZSTD : Compression.GZIP;
    run(List.of("tar", "--numeric-owner", "--same-permissions", compression.tarOption, "-xf", archive.toString(),
        "-C", branchDir.toString()), "restore branch " + branch);
  }

  void delete(String branch) {
    try {
      for (Compression c : Compression.values()) {
        Files.deleteIfExists(file(branch, c));
        Files.deleteIfExists(partial(branch, c));
      }
    } catch (IOException e) {
      throw ClusterLayout.systemError("cannot delete the archive of branch " + branch, e);
    }
  }

  private Optional<Path> existing(String branch) {
    for (Compression c : Compression.values()) {
      Path file = file(branch, c);
      if (Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  private Path file(String branch, Compression c) {
    return dir.resolve(branch + c.suffix);
  }

  private Path partial(String branch, Compression c) {
    return dir.resolve(branch + c.suffix + ".partial");
  }

  private static void run(List<String> command, String what) {
    CommandRunner.Result result = CommandRunner.run(new ProcessBuilder(command), TAR_TIMEOUT);
    if (!result.succeeded()) {
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "cannot " + what + ": "
          + CommandRunner.describe(command) + " exited with " + result.exitCode() + ": " + result.output());
    }
  }
}
