package dev.pgwake.lifecycle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.lifecycle.BranchInfo;
import dev.pgwake.lifecycle.BranchRecord;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.Branches;
import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.lifecycle.LifecycleException;
import dev.pgwake.lifecycle.ResumeKind;
import dev.pgwake.lifecycle.Wake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The local driver under the coordinator, with real PostgreSQL servers and pgjdbc. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalDriverTest {

  private static final String ROW = "create table t (v text); insert into t values ('kept')";
  private static final String READ = "select v from t order by v";

  private static long awaitSpareShell(LocalDriver driver) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (driver.spareShellPid().isEmpty()) {
      assertTrue(System.nanoTime() - deadline < 0, "no spare shell within 30 s");
      Thread.sleep(5);
    }
    return driver.spareShellPid().getAsLong();
  }

  @Test
  void suspendFreezesTheWholeServerAndHotResumeContinuesIt() throws Exception {
    try (LocalBranches local = LocalBranches.create()) {
      assertEquals(ResumeKind.COLD, local.wake("main").kind());
      local.execute("main", ROW);
      try (Connection held = LocalBranches.connect(local.endpoint("main"), 10)) {
        LocalBranches.get(local.branches.suspend("main"));

        List<ProcStat> members = tree(local.postmasterPid("main"));
        assertTrue(members.size() >= 5, "postmaster and its background processes: " + members);
        assertTrue(members.stream().allMatch(ProcStat::stopped), "every process in state T: " + members);
        assertTrue(members.stream().anyMatch(p -> p.group() != members.get(0).group()),
            "children lead their own process groups, so they were signalled one by one");
        long before = System.nanoTime();
        assertThrows(SQLException.class, () -> LocalBranches.connect(local.endpoint("main"), 1).close(),
            "a frozen server completes no login");
        assertTrue(System.nanoTime() - before >= TimeUnit.MILLISECONDS.toNanos(900), "it waited, it was not refused");
        assertEquals(BranchState.SUSPENDED, local.driver.find("main").orElseThrow().state());

        Wake hot = local.wake("main");
        assertEquals(ResumeKind.HOT, hot.kind());
        assertTrue(tree(local.postmasterPid("main")).stream().noneMatch(ProcStat::stopped));
        assertEquals(List.of("kept"), LocalBranches.rows(held, READ), "a connection held across the freeze works");
        assertEquals(List.of("kept"), local.rows("main", READ));
        System.out.printf("[timing] hot resume (SIGCONT of the tree, coordinator wake) %.1f ms%n",
            hot.took().toNanos() / 1e6);
      }
    }
  }

  /** The postmaster and its descendants as the JDK lists them (independent of {@link ProcessTree}). */
  private static List<ProcStat> tree(long postmaster) {
    List<ProcStat> all = new java.util.ArrayList<>();
    ProcStat.read(postmaster).ifPresent(all::add);
    ProcessHandle.of(postmaster).orElseThrow().descendants()
        .forEach(h -> ProcStat.read(h.pid()).filter(p -> !p.exited()).ifPresent(all::add));
    return all;
  }

  @Test
  void stopThenWarmResumeAndArchiveThenColdResumeKeepTheData() throws Exception {
    try (LocalBranches local = LocalBranches.create()) {
      local.wake("main");
      local.execute("main", ROW);
      Path data = local.driver.dataDir("main");

      LocalBranches.get(local.branches.stop("main"));
      assertFalse(Files.exists(data.resolve("postmaster.pid")));
      assertEquals(BranchState.STOPPED, local.driver.find("main").orElseThrow().state());
      Wake warm = local.wake("main");
      assertEquals(ResumeKind.WARM, warm.kind());
      assertEquals(List.of("kept"), local.rows("main", READ));

      LocalBranches.get(local.branches.archive("main"));
      Path archive = new Storage(local.root).archiveOf("main"); // .tar.zst where zstd is installed, else .tar.gz
      assertTrue(Files.isRegularFile(archive));
      assertFalse(Files.exists(data), "the live data directory is gone");
      assertEquals(BranchState.ARCHIVED, local.driver.find("main").orElseThrow().state());
      long archiveBytes = Files.size(archive);
      Wake cold = local.wake("main");
      assertEquals(ResumeKind.COLD, cold.kind());
      assertEquals(List.of("kept"), local.rows("main", READ));
      assertFalse(Files.exists(archive), "the archive is spent once the data is back");
      System.out.printf("[timing] warm resume %.1f ms, cold resume (untar + start) %.1f ms, archive %d KiB%n",
          warm.took().toNanos() / 1e6, cold.took().toNanos() / 1e6, archiveBytes / 1024);
    }
  }

  @Test
  void aStoppedBranchIsStartedAgainInTheSpareShellThatWaitedForIt() throws Exception {
    try (LocalBranches local = LocalBranches.create()) {
      local.wake("main");
      LocalBranches.get(local.branches.stop("main"));
      long spare = awaitSpareShell(local.driver);
      assertEquals(ResumeKind.WARM, local.wake("main").kind());
      Path data = local.driver.dataDir("main");
      assertEquals(spare, PostmasterPidFile.read(data).orElseThrow().pid(), "the spare shell became the postmaster");
      assertEquals(List.of("1"), local.rows("main", "select 1"));
      assertTrue(Files.readString(data.resolveSibling("data.log")).contains("database system is ready"),
          "its output goes to the server log");
      long next = awaitSpareShell(local.driver);
      assertNotEquals(spare, next, "another spare waits for the next start");
    }
  }

  @Test
  void aWarmResumeSaysWhereItsServerAcceptsConnectionsBeforeTheWakeEnds() throws Exception {
    try (LocalBranches local = LocalBranches.create()) {
      local.wake("main");
      LocalBranches.get(local.branches.stop("main"));
      CompletableFuture<Wake> wake = local.branches.ensureRunning("main");
      CompletionStage<Endpoint> early = local.branches.earlyEndpoint("main");
      assertNotNull(early, "a warm resume of the local driver gives its endpoint early");
      // a connection opened the moment the word comes must be served at its first try (no retry)
      CompletableFuture<String> firstTry = early.toCompletableFuture().thenApplyAsync(at -> {
        try (Connection c = LocalBranches.connect(at, 10)) {
          return LocalBranches.rows(c, "select 'served'").get(0);
        } catch (SQLException e) {
          return "refused: " + e.getMessage();
        }
      });
      Wake woke = LocalBranches.get(wake);
      assertEquals(ResumeKind.WARM, woke.kind());
      assertEquals(woke.endpoint(), early.toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertEquals("served", firstTry.get(60, TimeUnit.SECONDS));
      assertNull(local.branches.earlyEndpoint("main"), "a running branch has no early endpoint");
    }
  }

  @Test
  void aChildBranchCopiesItsParentRunningOrStoppedAndThenGoesItsOwnWay() throws Exception {
    try (LocalBranches local = LocalBranches.create()) {
      local.wake("main");
      local.execute("main", ROW);

      Wake fromRunning = LocalBranches.get(local.branches.create("dev", Optional.of("main")));
      assertEquals(ResumeKind.COLD, fromRunning.kind());
      assertNotEquals(local.endpoint("main").port(), fromRunning.endpoint().port());
      assertEquals(List.of("kept"), local.rows("dev", READ));
      local.execute("dev", "insert into t values ('dev only')");
      assertEquals(List.of("dev only", "kept"), local.rows("dev", READ));
      assertEquals(List.of("kept"), local.rows("main", READ));
      assertEquals(Optional.of("main"), local.branches.info("dev").orElseThrow().parent());

      LocalBranches.get(local.branches.stop("dev"));
      Wake fromStopped = LocalBranches.get(local.branches.create("dev2", Optional.of("dev")));
      assertEquals(List.of("dev only", "kept"), local.rows("dev2", READ));
      assertEquals(BranchState.STOPPED, local.branches.info("dev").orElseThrow().state(), "a stopped parent stays stopped");
      assertTrue(Files.readString(local.driver.dataDir("dev2").resolve("postmaster.opts"))
          .contains(local.driver.dataDir("dev2").toString()), "dev2 runs its own copy, not the parent's options");

      Wake onConnect = local.wake("feature");
      assertEquals(ResumeKind.COLD, onConnect.kind(), "auto_create_branches: branch on connect");
      assertEquals(List.of("kept"), local.rows("feature", READ));
      System.out.printf("[timing] cold create from running parent (pg_basebackup + start) %.1f ms,"
              + " from stopped parent (cp -a + start) %.1f ms, on connect %.1f ms%n",
          fromRunning.took().toNanos() / 1e6, fromStopped.took().toNanos() / 1e6, onConnect.took().toNanos() / 1e6);

      LocalBranches.get(local.branches.drop("dev2", false));
      assertFalse(Files.exists(local.driver.dataDir("dev2").getParent()));
      assertFalse(local.branches.info("dev2").isPresent());
    }
  }

  @Test
  void aRestartAdoptsRunningAndFrozenServersInsteadOfStartingTwins() throws Exception {
    try (LocalBranches local = LocalBranches.create()) {
      local.wake("main");
      local.execute("main", ROW);
      LocalBranches.get(local.branches.create("dev", Optional.empty()));
      LocalBranches.get(local.branches.suspend("dev"));
      long mainPid = local.postmasterPid("main");
      long devPid = local.postmasterPid("dev");

      LocalDriver again = local.restartedDriver();
      Map<String, BranchState> states = new java.util.TreeMap<>();
      again.catalog().forEach(r -> states.put(r.name(), r.state()));
      assertEquals(Map.of("main", BranchState.RUNNING, "dev", BranchState.SUSPENDED), states);

      try (Branches restarted = LocalBranches.coordinator(again)) {
        Wake main = LocalBranches.get(restarted.ensureRunning("main"));
        assertEquals(ResumeKind.NONE, main.kind());
        assertEquals(local.endpoint("main"), main.endpoint());
        assertEquals(ResumeKind.HOT, LocalBranches.get(restarted.ensureRunning("dev")).kind());
      }
      assertEquals(mainPid, local.postmasterPid("main"), "the same server, no twin");
      assertEquals(devPid, local.postmasterPid("dev"));
      assertEquals(List.of("kept"), local.rows("main", READ));
    }
  }

  @Test
  void theCatalogSurvivesARestart() throws Exception {
    try (LocalBranches local = LocalBranches.create()) {
      local.wake("main");
      LocalBranches.get(local.branches.create("dev", Optional.of("main")));
      LocalBranches.get(local.branches.stop("dev"));
      local.branches.rememberParameters("main", Map.of("server_version", "15.x", "odd key", "a=b\nc"));
      BranchInfo main = local.branches.info("main").orElseThrow();
      BranchInfo dev = local.branches.info("dev").orElseThrow();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      java.nio.file.Path mainEntry = local.driver.dataDir("main").resolveSibling(BranchCatalog.FILE);
      while (!Files.readString(mainEntry).contains("server_version") && System.nanoTime() < deadline) {
        Thread.sleep(5); // saved off the caller's thread: wait for the file, not the driver's memory
      }

      LocalDriver again = local.restartedDriver();
      Map<String, BranchRecord> records = new java.util.TreeMap<>();
      again.catalog().forEach(r -> records.put(r.name(), r));
      assertEquals(List.of("dev", "main"), List.copyOf(records.keySet()));
      assertEquals(Map.of("server_version", "15.x", "odd key", "a=b\nc"), records.get("main").parameters());
      assertEquals(Optional.of("main"), records.get("dev").parent());
      assertEquals(BranchState.STOPPED, records.get("dev").state());
      assertEquals(dev.endpoint(), records.get("dev").endpoint());
      assertEquals(main.created(), records.get("main").created());
      assertTrue(Files.isRegularFile(local.driver.dataDir("main").resolveSibling(BranchCatalog.FILE)));
      try (Branches restarted = LocalBranches.coordinator(again)) {
        assertEquals("15.x", restarted.cachedParameters("main").get("server_version"));
      }
    }
  }

  @Test
  @SuppressWarnings("deprecation")
  void theDeprecatedEnsureRunningStillServesTheProxyUntilItMovesToBranches() throws Exception {
    try (LocalBranches local = LocalBranches.create()) {
      LocalDriver legacy = local.restartedDriver();
      dev.pgwake.lifecycle.Endpoint main = legacy.ensureRunning("main").get(60, TimeUnit.SECONDS);
      assertEquals(main, legacy.ensureRunning("main").get(60, TimeUnit.SECONDS), "the same server");
      try (Connection c = LocalBranches.connect(main, 10)) {
        assertEquals(List.of("1"), LocalBranches.rows(c, "select 1"));
      }
      assertEquals(BranchState.RUNNING, local.driver.find("main").orElseThrow().state());
    }
  }

  @Test
  void invalidNamesAndMissingParentsAreRefusedWithClearErrors() throws Exception {
    try (LocalBranches local = LocalBranches.create()) {
      local.wake("main");
      ExecutionException bad = assertThrows(ExecutionException.class,
          () -> LocalBranches.get(local.branches.ensureRunning("../etc")));
      assertEquals("42602", ((LifecycleException) bad.getCause()).sqlState());
      ExecutionException noParent = assertThrows(ExecutionException.class,
          () -> LocalBranches.get(local.branches.create("x", Optional.of("nope"))));
      assertEquals("3D000", ((LifecycleException) noParent.getCause()).sqlState());
      assertEquals(List.of("main"), local.branches.list().stream().map(BranchInfo::name).toList());
    }
  }
}
