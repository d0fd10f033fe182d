package dev.pgwake.lifecycle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pgwake.lifecycle.BranchInfo;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.Branches;
import dev.pgwake.lifecycle.ResumeKind;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Compute and wall time kept in branch.properties by the local driver, across a close and re-open of Branches. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalComputeTimeTest {

  @Test
  void computeAndWallTimeSurviveACloseAndReopenOfBranchesOverTheSameDataRoot() throws Exception {
    try (LocalBranches local = LocalBranches.create()) {
      local.wake("main");
      LocalBranches.get(local.branches.create("dev", Optional.empty()));
      LocalBranches.get(local.branches.stop("dev"));
      BranchInfo devBefore = local.branches.info("dev").orElseThrow();
      String devCompute = UsageKeys.seconds(devBefore.compute());
      awaitTrue(() -> devCompute.equals(load(entry(local, "dev")).getProperty(UsageKeys.COMPUTE)),
          "dev's account saved when it stopped");
      BranchInfo mainBefore = local.branches.info("main").orElseThrow();

      local.branches.close();
      Properties mainSaved = load(entry(local, "main"));
      assertTrue(new BigDecimal(mainSaved.getProperty(UsageKeys.COMPUTE))
          .compareTo(new BigDecimal(UsageKeys.seconds(mainBefore.compute()))) >= 0, mainSaved.toString());
      assertEquals(devCompute, load(entry(local, "dev")).getProperty(UsageKeys.COMPUTE));

      try (Branches restarted = LocalBranches.coordinator(local.restartedDriver())) {
        BranchInfo main = restarted.info("main").orElseThrow();
        BranchInfo dev = restarted.info("dev").orElseThrow();
        assertEquals(BranchState.RUNNING, main.state(), "adopted, still running");
        assertEquals(BranchState.STOPPED, dev.state());

        assertTrue(main.compute().compareTo(mainBefore.compute()) > 0, main + " after " + mainBefore);
        assertEquals(main.wall(), main.compute(), "main's server ran all along, while pgwake was down too");
        assertEquals(mainBefore.tracked(), main.tracked(), "counting goes on from where it began");

        assertEquals(devBefore.compute(), dev.compute(), "dev slept through the restart: no compute added");
        assertTrue(dev.wall().compareTo(devBefore.wall()) > 0, dev + " after " + devBefore);
        assertEquals(devBefore.tracked(), dev.tracked());
        assertTrue(dev.savingPercent() > 0);
        for (BranchInfo info : restarted.list()) {
          assertTrue(info.wall().compareTo(info.compute()) >= 0, info.toString());
        }
      }
    }
  }

  @Test
  void aDamagedCounterIsReadAsZeroWithAWarningAndTheBranchStillWakes() throws Exception {
    try (LocalBranches local = LocalBranches.create()) {
      local.wake("main");
      LocalBranches.get(local.branches.stop("main"));
      local.branches.close();
      Path file = entry(local, "main");
      Properties p = load(file);
      p.setProperty(UsageKeys.COMPUTE, "lots");
      p.remove(UsageKeys.WALL);
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        p.store(out, null);
      }

      try (CapturedWarnings warnings = new CapturedWarnings(UsageKeys.class);
          Branches restarted = LocalBranches.coordinator(local.restartedDriver())) {
        BranchInfo main = restarted.info("main").orElseThrow();
        assertEquals(BranchState.STOPPED, main.state());
        assertEquals(Duration.ZERO, main.compute());
        assertTrue(main.wall().compareTo(main.compute()) >= 0);
        assertTrue(warnings.messages().stream().anyMatch(m -> m.contains(file + ": compute_seconds=lots")),
            warnings.messages().toString());
        assertTrue(warnings.messages().stream().anyMatch(m -> m.contains(file + ": wall_seconds is missing")),
            warnings.messages().toString());

        assertEquals(ResumeKind.WARM, LocalBranches.get(restarted.ensureRunning("main")).kind());
        awaitTrue(() -> load(file).getProperty(UsageKeys.WALL) != null, "the entry repaired by the next save");
      }
    }
  }

  private static Path entry(LocalBranches local, String branch) {
    return local.driver.dataDir(branch).resolveSibling(BranchCatalog.FILE);
  }

  private static Properties load(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LocalBranches.WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }
}
