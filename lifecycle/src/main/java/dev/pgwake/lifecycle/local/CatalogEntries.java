package dev.pgwake.lifecycle.local;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The newest catalog entry of each branch, kept in memory over a {@link BranchCatalog}, so that a wake
 * neither reads nor waits for a file. An entry changes by a function of its newest value (so a compute
 * account saved meanwhile is never overwritten by a state change that read the entry earlier), atomically,
 * without the branch's lock; its file is then written with the newest entry, at once ({@link #update}) or
 * shortly by a background writer ({@link #updateSoon}, {@value #WRITE_DELAY_MS} ms later: not while the wake that
 * changed it still serves its first client; several changes meanwhile cost one write). Writing a
 * branch's file and deleting its directory take the same per-branch monitor, so nothing is written for a
 * branch after it was deleted. {@link #close} writes what is left.
 */
final class CatalogEntries {

  private static final System.Logger LOG = System.getLogger(CatalogEntries.class.getName());

  private final BranchCatalog catalog;
  private final Map<String, CatalogEntry> newest = new ConcurrentHashMap<>();
  private final Map<String, Object> files = new ConcurrentHashMap<>();
  private final Set<String> unwritten = ConcurrentHashMap.newKeySet();
  static final long WRITE_DELAY_MS = 20;

  private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "pgwake-catalog-writer");
    thread.setDaemon(true);
    return thread;
  });

  CatalogEntries(BranchCatalog catalog) {
    this.catalog = catalog;
  }

  /** The branch's entry: the newest in memory, else from its file. */
  Optional<CatalogEntry> read(String branch) {
    return Optional.ofNullable(newest.computeIfAbsent(branch, name -> catalog.read(name).orElse(null)));
  }

  /** Every branch with an entry on disk, each as its newest entry. */
  List<CatalogEntry> readAll() {
    List<CatalogEntry> all = new ArrayList<>();
    for (CatalogEntry stored : catalog.readAll()) {
      all.add(newest.getOrDefault(stored.name(), stored));
    }
    return all;
  }

  /** A new branch's first entry, written before this returns. */
  void create(CatalogEntry entry) {
    newest.put(entry.name(), entry);
    write(entry.name());
  }

  /** Changes the branch's entry, if it has one, and writes its file before returning; the changed entry. */
  Optional<CatalogEntry> update(String branch, UnaryOperator<CatalogEntry> change) {
    Optional<CatalogEntry> changed = change(branch, change);
    changed.ifPresent(entry -> write(branch));
    return changed;
  }

  /** Changes the branch's entry, if it has one, now, and its file shortly, off the caller's thread. */
  Optional<CatalogEntry> updateSoon(String branch, UnaryOperator<CatalogEntry> change) {
    Optional<CatalogEntry> changed = change(branch, change);
    if (changed.isPresent() && unwritten.add(branch)) {
      try {
        writer.schedule(() -> writeIfUnwritten(branch), WRITE_DELAY_MS, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closed) {
        write(branch);
      }
    }
    return changed;
  }

  /** Forgets the branch and runs {@code deleteFiles} (its directory) so that no write of it comes after. */
  void delete(String branch, Runnable deleteFiles) {
    synchronized (file(branch)) {
      newest.remove(branch);
      unwritten.remove(branch);
      deleteFiles.run();
    }
  }

  /** Waits for the writer, then writes whatever is still unwritten. */
  void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.log(Level.WARNING, "the catalog writer did not finish within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List.copyOf(unwritten).forEach(this::writeIfUnwritten);
  }

  private Optional<CatalogEntry> change(String branch, UnaryOperator<CatalogEntry> change) {
    read(branch);
    return Optional.ofNullable(newest.computeIfPresent(branch, (name, entry) -> change.apply(entry)));
  }

  private void writeIfUnwritten(String branch) {
    if (unwritten.contains(branch)) {
      try {
        write(branch);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "branch " + branch + ": catalog entry not written: " + e.getMessage(), e);
      }
    }
  }

  /** Writes the newest entry (whichever change made it), unless the branch was deleted. */
  private void write(String branch) {
    synchronized (file(branch)) {
      unwritten.remove(branch);
      CatalogEntry entry = newest.get(branch);
      if (entry != null) {
        catalog.write(entry);
      }
    }
  }

  private Object file(String branch) {
    return files.computeIfAbsent(branch, name -> new Object());
  }
}
