package dev.pgwake.lifecycle.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories under /tmp that the server's user can reach (JUnit's @TempDir may not be). */
final class TestDirectories {

  private TestDirectories() {
  }

  /** A new directory under /tmp owned by {@code runAs} (mode 700 keeps other users out). */
  static Path create(String prefix, OsUser runAs) throws IOException {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), prefix);
    runAs.own(dir);
    return dir;
  }

  static void delete(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
