package dev.pgwake.lifecycle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwake.lifecycle.LifecycleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Archives made and restored with the system tar, in each compression. */
class StorageTest {

  private Path root;

  @BeforeEach
  void makeRoot() throws Exception {
    root = Files.createTempDirectory("pgwake-storage");
  }

  @AfterEach
  void removeRoot() throws Exception {
    TestDirectories.delete(root);
  }

  private Path branchWithData(String name) throws Exception {
    Path branchDir = Files.createDirectories(root.resolve("branches").resolve(name));
    Path data = Files.createDirectories(branchDir.resolve("data").resolve("base"));
    Files.writeString(data.resolve("1234"), "table contents");
    Files.setPosixFilePermissions(data.resolve("1234"), PosixFilePermissions.fromString("rw-------"));
    return branchDir;
  }

  private static void assumeInstalled(Storage.Compression compression) {
    assumeTrue(compression != Storage.Compression.ZSTD || CommandRunner.onPath("zstd").isPresent(),
        "the zstd program is not installed");
  }

  @ParameterizedTest
  @EnumSource(Storage.Compression.class)
  void anArchiveGivesBackTheDataWithItsPermissionsAndIsGoneWhenDeleted(Storage.Compression compression)
      throws Exception {
    assumeInstalled(compression);
    Storage storage = new Storage(root, compression);
    Path branchDir = branchWithData("feature");
    assertFalse(storage.has("feature"));

    storage.save("feature", branchDir);
    assertTrue(storage.has("feature"));
    assertTrue(storage.archiveOf("feature").getFileName().toString().endsWith(compression.suffix));
    TestDirectories.delete(branchDir.resolve("data"));

    storage.restore("feature", branchDir);
    Path file = branchDir.resolve("data").resolve("base").resolve("1234");
    assertEquals("table contents", Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

    storage.delete("feature");
    assertFalse(storage.has("feature"));
    try (var left = Files.list(root.resolve("storage"))) {
      assertEquals(0, left.count(), "no archive or partial file is left");
    }
  }

  @Test
  void anArchiveWrittenInTheOtherCompressionIsStillRestoredAndReplacedByTheNextSave() throws Exception {
    assumeInstalled(Storage.Compression.ZSTD);
    Path branchDir = branchWithData("old");
    new Storage(root, Storage.Compression.GZIP).save("old", branchDir); // an archive from before zstd
    TestDirectories.delete(branchDir.resolve("data"));

    Storage storage = new Storage(root, Storage.Compression.ZSTD);
    assertTrue(storage.has("old"));
    storage.restore("old", branchDir);
    assertEquals("table contents", Files.readString(branchDir.resolve("data").resolve("base").resolve("1234")));

    storage.save("old", branchDir);
    assertTrue(Files.isRegularFile(root.resolve("storage").resolve("old.tar.zst")));
    assertFalse(Files.exists(root.resolve("storage").resolve("old.tar.gz")), "one archive per branch");
  }

  @Test
  void aDamagedArchiveFailsTheRestoreWithTheProgramsWords() throws Exception {
    Storage storage = new Storage(root, Storage.Compression.GZIP);
    Files.createDirectories(root.resolve("storage"));
    Files.writeString(root.resolve("storage").resolve("broken.tar.gz"), "not an archive");
    Path branchDir = Files.createDirectories(root.resolve("branches").resolve("broken"));
    LifecycleException e = assertThrows(LifecycleException.class, () -> storage.restore("broken", branchDir));
    assertEquals(CommandRunner.SYSTEM_ERROR, e.sqlState());
    assertTrue(e.getMessage().contains("restore branch broken"), e.getMessage());
  }
}
