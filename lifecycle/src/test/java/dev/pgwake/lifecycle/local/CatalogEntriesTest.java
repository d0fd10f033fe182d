package dev.pgwake.lifecycle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.ComputeUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The local driver's catalog in memory over its files: changes by function, written now or soon, deletes final. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CatalogEntriesTest {

  private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

  private static CatalogEntry entry(String name) {
    return new CatalogEntry(name, Optional.empty(), AT, BranchState.RUNNING, 25432, Map.of(), Optional.empty());
  }

  private static ComputeUsage usage(long seconds) {
    return ComputeUsage.at(Duration.ofSeconds(seconds), Duration.ofSeconds(seconds), AT);
  }

  private static BranchState onDisk(Path root, String branch) {
    return new BranchCatalog(root).read(branch).orElseThrow().state();
  }

  @Test
  void aChangeForLaterIsSeenAtOnceAndReachesTheFileWithoutAnotherCall(@TempDir Path root) throws Exception {
    CatalogEntries entries = new CatalogEntries(new BranchCatalog(root));
    entries.create(entry("main"));
    assertEquals(BranchState.RUNNING, onDisk(root, "main"));

    entries.updateSoon("main", e -> e.withState(BranchState.SUSPENDED));
    assertEquals(BranchState.SUSPENDED, entries.read("main").orElseThrow().state());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (onDisk(root, "main") != BranchState.SUSPENDED && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    assertEquals(BranchState.SUSPENDED, onDisk(root, "main"));
    entries.close();
  }

  @Test
  void closeWritesWhatIsStillWaiting(@TempDir Path root) {
    CatalogEntries entries = new CatalogEntries(new BranchCatalog(root));
    entries.create(entry("main"));
    for (int i = 0; i < 100; i++) {
      entries.updateSoon("main", e -> e.withState(e.state() == BranchState.RUNNING ? BranchState.SUSPENDED
          : BranchState.RUNNING));
    }
    entries.updateSoon("main", e -> e.withState(BranchState.STOPPED));
    entries.close();
    assertEquals(BranchState.STOPPED, onDisk(root, "main"), "the newest entry, whatever was written before");
  }

  @Test
  void stateChangesAndAccountsSavedFromOtherThreadsNeverUndoEachOther(@TempDir Path root) throws Exception {
    CatalogEntries entries = new CatalogEntries(new BranchCatalog(root));
    entries.create(entry("main"));
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    threads.add(new Thread(() -> {
      await(go);
      for (int i = 1; i <= 300; i++) {
        entries.update("main", e -> e.withUsage(usage(e.usage().map(u -> u.compute().toSeconds()).orElse(0L) + 1)));
      }
    }));
    threads.add(new Thread(() -> {
      await(go);
      for (int i = 0; i < 300; i++) {
        BranchState next = i % 2 == 0 ? BranchState.SUSPENDED : BranchState.RUNNING;
        entries.updateSoon("main", e -> e.withState(next));
      }
      entries.updateSoon("main", e -> e.withState(BranchState.STOPPED));
    }));
    threads.forEach(Thread::start);
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    entries.close();
    CatalogEntry stored = new BranchCatalog(root).read("main").orElseThrow();
    assertEquals(BranchState.STOPPED, stored.state());
    assertEquals(Duration.ofSeconds(300), stored.usage().orElseThrow().compute(), "every account increment kept");
  }

  @Test
  void nothingIsWrittenForABranchOnceDeleted(@TempDir Path root) throws Exception {
    BranchCatalog catalog = new BranchCatalog(root);
    CatalogEntries entries = new CatalogEntries(catalog);
    entries.create(entry("dev"));
    entries.updateSoon("dev", e -> e.withState(BranchState.SUSPENDED));
    entries.delete("dev", () -> catalog.deleteBranchDirQuietly("dev"));
    assertEquals(Optional.empty(), entries.update("dev", e -> e.withUsage(usage(5))));
    assertEquals(Optional.empty(), entries.updateSoon("dev", e -> e.withState(BranchState.RUNNING)));
    entries.close();
    assertFalse(Files.exists(catalog.branchDir("dev")), "no directory came back for a dropped branch");
    assertTrue(entries.read("dev").isEmpty());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
