package dev.pgwake.lifecycle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.ComputeUsage;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compute account in branch.properties: exact round trips, and damage read as 0 with a warning. */
class UsageKeysTest {

  private static final Path FILE = Path.of("/data/branches/main/branch.properties");
  private static final Instant AT = Instant.parse("2030-01-01T00:00:00.123456Z");

  @Test
  void anAccountRoundTripsToTheNanosecond() {
    ComputeUsage usage = ComputeUsage.at(Duration.ofSeconds(1234, 567_890_123), Duration.ofSeconds(86_400), AT);
    Properties p = new Properties();
    UsageKeys.write(usage, p);
    assertEquals(Map.of("compute_seconds", "1234.567890123", "wall_seconds", "86400",
        "accounted_at", "2030-01-01T00:00:00.123456Z"), Map.copyOf(p));
    try (CapturedWarnings warnings = new CapturedWarnings(UsageKeys.class)) {
      assertEquals(Optional.of(usage), UsageKeys.read(p, FILE));
      assertEquals(List.of(), warnings.messages());
    }
    assertEquals("0", UsageKeys.seconds(Duration.ZERO));
    assertEquals("0.5", UsageKeys.seconds(Duration.ofMillis(500)));
  }

  @Test
  void anEntryFromBeforeTheCountersHasNoAccountAndNoWarning() {
    try (CapturedWarnings warnings = new CapturedWarnings(UsageKeys.class)) {
      assertEquals(Optional.empty(), UsageKeys.read(new Properties(), FILE));
      assertEquals(List.of(), warnings.messages());
    }
  }

  @Test
  void damagedOrMissingNumbersAreReadAsZeroWithAWarning() {
    for (String damage : List.of("banana", "-5", "NaN", "1e400", "", "12s")) {
      Properties p = properties("compute_seconds", damage, "wall_seconds", "600", "accounted_at", AT.toString());
      try (CapturedWarnings warnings = new CapturedWarnings(UsageKeys.class)) {
        assertEquals(Optional.of(ComputeUsage.at(Duration.ZERO, Duration.ofSeconds(600), AT)),
            UsageKeys.read(p, FILE), damage);
        assertEquals(1, warnings.messages().size(), damage);
        assertTrue(warnings.messages().get(0).contains(FILE + ": compute_seconds=" + damage), warnings.messages()
            .toString());
      }
    }
    Properties noWall = properties("compute_seconds", "30.5", "accounted_at", AT.toString());
    try (CapturedWarnings warnings = new CapturedWarnings(UsageKeys.class)) {
      ComputeUsage read = UsageKeys.read(noWall, FILE).orElseThrow();
      assertEquals(Duration.ofMillis(30_500), read.compute());
      assertEquals(read.compute(), read.wall(), "wall read as 0, then raised to compute: never below it");
      assertEquals(List.of(FILE + ": wall_seconds is missing: read as 0"), warnings.messages());
    }
  }

  @Test
  void aDamagedOrMissingInstantMeansTheGapIsNotCounted() {
    for (Properties p : List.of(properties("compute_seconds", "1", "wall_seconds", "2", "accounted_at", "yesterday"),
        properties("compute_seconds", "1", "wall_seconds", "2"))) {
      try (CapturedWarnings warnings = new CapturedWarnings(UsageKeys.class)) {
        assertEquals(Optional.of(new ComputeUsage(Duration.ofSeconds(1), Duration.ofSeconds(2), Optional.empty())),
            UsageKeys.read(p, FILE));
        assertEquals(1, warnings.messages().size());
        assertTrue(warnings.messages().get(0).contains("accounted_at"));
      }
    }
  }

  @Test
  void theCatalogReadsAnEntryWithDamagedCountersInsteadOfFailing(@TempDir Path root) throws IOException {
    BranchCatalog catalog = new BranchCatalog(root);
    catalog.write(new CatalogEntry("main", Optional.empty(), AT, BranchState.STOPPED, 54321, Map.of(),
        Optional.of(ComputeUsage.at(Duration.ofSeconds(10), Duration.ofSeconds(20), AT))));
    Path file = catalog.branchDir("main").resolve(BranchCatalog.FILE);
    Properties p = load(file);
    p.setProperty("compute_seconds", "ten");
    p.remove("wall_seconds");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(out, null);
    }

    try (CapturedWarnings warnings = new CapturedWarnings(UsageKeys.class)) {
      CatalogEntry entry = catalog.read("main").orElseThrow();
      assertEquals(Optional.of(ComputeUsage.at(Duration.ZERO, Duration.ZERO, AT)), entry.usage());
      assertEquals(54321, entry.port(), "the rest of the entry is intact");
      assertEquals(2, warnings.messages().size(), warnings.messages().toString());
    }
    catalog.write(catalog.read("main").orElseThrow().withUsage(
        ComputeUsage.at(Duration.ofSeconds(3), Duration.ofSeconds(4), AT.plusSeconds(4))));
    assertEquals("3", load(file).getProperty("compute_seconds"), "the next save repairs it");
    assertTrue(Files.notExists(file.resolveSibling(BranchCatalog.FILE + ".tmp")), "written by rename");
  }

  private static Properties properties(String... keysAndValues) {
    Properties p = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return p;
  }

  private static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }
}
