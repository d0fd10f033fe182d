package dev.pgwake.lifecycle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwake.lifecycle.LifecycleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PostgresBinariesTest {

  private static final Path DEBIAN_15 = Path.of("/usr/lib/postgresql/15/bin");

  @Test
  void discoveryFindsTheInstalledServerAndItsVersion() {
    Optional<PostgresBinaries> found = PostgresBinaries.locate();
    assumeTrue(found.isPresent(), "no PostgreSQL server binaries on this machine");
    PostgresBinaries bins = found.get();

    assertTrue(Files.isExecutable(bins.initdb()));
    assertTrue(Files.isExecutable(bins.pgCtl()));
    assertTrue(Files.isExecutable(bins.postgres()));
    assertTrue(bins.majorVersion() >= 10, "major version " + bins.majorVersion());
    Matcher debian = Pattern.compile("/usr/lib/postgresql/(\\d+)/bin").matcher(bins.binDir().toString());
    if (debian.matches()) {
      assertEquals(Integer.parseInt(debian.group(1)), bins.majorVersion());
    }
  }

  @Test
  void findsVersion15OnThisMachine() {
    assumeTrue(Files.isExecutable(DEBIAN_15.resolve("postgres")), "no PostgreSQL 15 in " + DEBIAN_15);
    PostgresBinaries bins = PostgresBinaries.at(DEBIAN_15);

    assertEquals(15, bins.majorVersion());
    assertEquals(DEBIAN_15.resolve("psql"), bins.psql());
    assertEquals(DEBIAN_15.resolve("pgbench"), bins.pgbench());
    assertTrue(bins.find("pg_basebackup").isPresent());
    assertTrue(bins.find("no_such_program").isEmpty());
    assertEquals(15, PostgresBinaries.discover(Optional.of(DEBIAN_15)).majorVersion());
  }

  @Test
  void explicitDirectoryWithoutServerIsRefused() {
    LifecycleException e = assertThrows(LifecycleException.class, () -> PostgresBinaries.at(Path.of("/tmp")));
    assertTrue(e.getMessage().contains("/tmp"), e.getMessage());
  }

  @Test
  void versionsCompareNumerically() {
    assertTrue(PostgresBinaries.compareVersions(new int[] {9, 6}, new int[] {10}) < 0);
    assertTrue(PostgresBinaries.compareVersions(new int[] {17}, new int[] {15}) > 0);
    assertTrue(PostgresBinaries.compareVersions(new int[] {15}, new int[] {15, 1}) < 0);
  }
}
