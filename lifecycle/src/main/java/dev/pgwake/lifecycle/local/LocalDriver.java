package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.BranchRecord;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.Branches;
import dev.pgwake.lifecycle.ComputeDriver;
import dev.pgwake.lifecycle.ComputeUsage;
import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.lifecycle.IdlePolicy;
import dev.pgwake.lifecycle.LifecycleException;
import dev.pgwake.lifecycle.Wake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The embedded default driver: PostgreSQL clusters on this machine, one per branch under {@code
 * <dataRoot>/branches/<name>/} ({@code data/}, {@code data.log}, {@code branch.properties}), archives
 * under {@code <dataRoot>/storage/}. Suspend freezes the postmaster and all its children (SIGSTOP,
 * {@link ProcessTree}), hot resume continues them; stop is a fast shutdown, warm resume a start whose
 * readiness is a real connection; archive stops, tars the data directory into storage and deletes it,
 * cold resume restores and starts. A branch is created empty (initdb) or from a consistent copy of its
 * parent ({@link DataCopy}), on its own port. The catalog survives restarts, and the processes on the
 * machine decide the state on start: a live postmaster is RUNNING, or SUSPENDED if stopped by a signal.
 * The coordinator's compute and wall time per branch are kept in the catalog too ({@link #saveUsage}).
 * Servers start through a {@link PostmasterLauncher} that keeps a spare shell ready whenever a branch is
 * stopped or archived, so a wake does not wait for the programs that put a server in its own session as
 * its OS user.
 *
 * <p>Every operation blocks and holds the branch's lock (creating a branch also holds its parent's
 * while copying), so the coordinator's calls and a child's copy never overlap on one data directory.
 * Catalog entries are kept in memory ({@link CatalogEntries}): saving compute time or parameters takes
 * no branch lock, so it never delays a wake, and a hot resume continues the processes its suspend
 * stopped without listing them again or writing a file on its way.
 */
public final class LocalDriver implements ComputeDriver {

  private static final Duration FREEZE_TIMEOUT = Duration.ofSeconds(10);
  private static final String NOT_READY = "55000";

  /** For resumes nobody asked to hear early where the server accepts connections. */
  private static final Consumer<Endpoint> NO_EARLY_WORD = at -> { };

  private final PostgresBinaries bins;
  private final OsUser runAs;
  private final String initialBranch;
  private final PortAllocator ports;
  private final InitOptions initOptions;
  private final BranchCatalog catalog;
  private final CatalogEntries entries;
  private final Storage storage;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  /** What each suspended branch's freeze stopped, postmaster first: a hot resume continues exactly these. */
  private final Map<String, List<ProcStat>> frozen = new ConcurrentHashMap<>();
  private final Map<String, PostgresCluster> clusters = new ConcurrentHashMap<>();
  private final Signals signals = new Signals();
  private final PostmasterLauncher launcher;
  private CompletableFuture<Branches> legacy;

  /** A driver with its own port allocator and {@link #defaultInitOptions()}. */
  public LocalDriver(Path dataRoot, PostgresBinaries bins, OsUser runAs, String initialBranch) {
    this(dataRoot, bins, runAs, initialBranch, new PortAllocator(), defaultInitOptions());
  }

  /**
   * @param initialBranch the default branch, only used by the deprecated {@link #ensureRunning}
   * @param initOptions how new, empty branches are initialised
   */
  public LocalDriver(Path dataRoot, PostgresBinaries bins, OsUser runAs, String initialBranch,
      PortAllocator ports, InitOptions initOptions) {
    Path root = dataRoot.toAbsolutePath().normalize();
    this.bins = bins;
    this.runAs = runAs;
    this.initialBranch = initialBranch;
    this.ports = ports;
    this.initOptions = initOptions;
    this.catalog = new BranchCatalog(root);
    this.entries = new CatalogEntries(catalog);
    this.storage = new Storage(root);
    this.launcher = PostmasterLauncher.withSpare(runAs);
  }

  /** Durable (fsync on) servers that can serve pg_basebackup to child branches. */
  public static InitOptions defaultInitOptions() {
    return InitOptions.defaults().withConfig("fsync = on").withConfig("wal_level = replica")
        .withConfig("max_wal_senders = 10");
  }

  @Override
  public String kind() {
    return "local";
  }

  @Override
  public Set<BranchState> sleepStates() {
    return EnumSet.of(BranchState.SUSPENDED, BranchState.STOPPED, BranchState.ARCHIVED);
  }

  /** A frozen postmaster keeps its listening socket: the kernel queues connections until it is continued. */
  @Override
  public boolean suspendKeepsEndpoint() {
    return true;
  }

  @Override
  public boolean canCreate() {
    return true;
  }

  @Override
  public List<BranchRecord> catalog() {
    List<BranchRecord> records = new ArrayList<>();
    for (CatalogEntry entry : entries.readAll()) {
      ports.reserve(entry.port());
      withLock(entry.name(), () -> probe(entry)).ifPresent(records::add);
    }
    if (records.stream().anyMatch(r -> r.state() == BranchState.STOPPED || r.state() == BranchState.ARCHIVED)) {
      launcher.prepare(); // the next wake of one of them starts a server
    }
    return records;
  }

  @Override
  public Optional<BranchRecord> find(String branch) {
    if (!BranchCatalog.isValidName(branch)) {
      return Optional.empty();
    }
    return withLock(branch, () -> entries.read(branch).flatMap(entry -> {
      ports.reserve(entry.port());
      return probe(entry);
    }));
  }

  @Override
  public Endpoint resumeHot(String branch) {
    return withLock(branch, () -> start(require(branch)));
  }

  @Override
  public Endpoint resumeWarm(String branch) {
    return resumeWarm(branch, NO_EARLY_WORD);
  }

  @Override
  public Endpoint resumeWarm(String branch, Consumer<Endpoint> accepting) {
    return withLock(branch, () -> start(require(branch), accepting));
  }

  @Override
  public Endpoint resumeCold(String branch) {
    return resumeCold(branch, NO_EARLY_WORD);
  }

  @Override
  public Endpoint resumeCold(String branch, Consumer<Endpoint> accepting) {
    return withLock(branch, () -> {
      CatalogEntry entry = require(branch);
      boolean archived = storage.has(branch) && (entry.state() == BranchState.ARCHIVED || !catalog.hasData(branch));
      if (archived) {
        catalog.deleteData(branch); // whatever a restore cut short left behind
        storage.restore(branch, catalog.branchDir(branch));
      } else if (!catalog.hasData(branch)) {
        throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "branch \"" + branch
            + "\" has neither a data directory nor an archive " + storage.archiveOf(branch));
      }
      entry = saveState(entry, BranchState.STOPPED);
      storage.delete(branch);
      return start(entry, accepting);
    });
  }

  @Override
  public BranchRecord create(String branch, Optional<String> parent) {
    BranchCatalog.checkName(branch);
    parent.ifPresent(BranchCatalog::checkName);
    return withLock(branch, () -> {
      if (entries.read(branch).isPresent()) {
        throw new LifecycleException(LifecycleException.DUPLICATE_BRANCH, "branch \"" + branch + "\" already exists");
      }
      Path branchDir = catalog.branchDir(branch);
      CatalogEntry entry = new CatalogEntry(branch, parent, Instant.now(), BranchState.STOPPED, ports.allocate(),
          Map.of(), Optional.empty());
      try {
        catalog.deleteBranchDir(branch);
        Files.createDirectories(branchDir);
        runAs.own(branchDir);
        runAs.checkCanReach(branchDir);
        if (parent.isPresent()) {
          copyFrom(parent.get(), branchDir);
        } else {
          cluster(entry).init(initOptions);
        }
        entries.create(entry);
      } catch (IOException | RuntimeException e) {
        clusters.remove(branch);
        entries.delete(branch, () -> catalog.deleteBranchDirQuietly(branch));
        throw e instanceof IOException ? ClusterLayout.systemError("cannot create branch " + branch, (IOException) e)
            : (RuntimeException) e;
      }
      Endpoint endpoint = start(entry);
      return record(entry.withState(BranchState.RUNNING), endpoint);
    });
  }

  @Override
  public void suspend(String branch) {
    withLock(branch, () -> {
      CatalogEntry entry = require(branch);
      PostmasterPidFile live = livePid(branch).orElseThrow(() -> new LifecycleException(NOT_READY,
          "branch \"" + branch + "\" cannot be suspended: its server is not running"));
      frozen.put(branch, new ProcessTree(live.pid(), signals).freeze(FREEZE_TIMEOUT));
      entries.updateSoon(branch, e -> e.withState(BranchState.SUSPENDED)); // a live server's is read from /proc
      return null;
    });
  }

  @Override
  public void stop(String branch) {
    withLock(branch, () -> stop(require(branch)));
  }

  @Override
  public void archive(String branch) {
    withLock(branch, () -> {
      CatalogEntry entry = stop(require(branch));
      if (catalog.hasData(branch)) {
        storage.save(branch, catalog.branchDir(branch));
        entry = saveState(entry, BranchState.ARCHIVED);
        catalog.deleteData(branch);
      } else if (storage.has(branch)) {
        entry = saveState(entry, BranchState.ARCHIVED);
      } else {
        throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "branch \"" + branch + "\" has no data to archive");
      }
      return entry;
    });
  }

  @Override
  public void drop(String branch) {
    withLock(branch, () -> {
      Optional<CatalogEntry> entry = BranchCatalog.isValidName(branch) ? entries.read(branch) : Optional.empty();
      if (entry.isEmpty()) {
        throw new LifecycleException(LifecycleException.UNKNOWN_BRANCH, "branch \"" + branch + "\" does not exist");
      }
      stop(entry.get());
      storage.delete(branch);
      entries.delete(branch, () -> catalog.deleteBranchDir(branch));
      clusters.remove(branch);
      return null;
    });
  }

  @Override
  public void saveParameters(String branch, Map<String, String> parameters) {
    if (BranchCatalog.isValidName(branch)) {
      entries.update(branch, e -> e.withParameters(parameters));
    }
  }

  /** Kept in {@code branch.properties} beside the rest of the entry; a branch without one is ignored. */
  @Override
  public void saveUsage(String branch, ComputeUsage usage) {
    if (BranchCatalog.isValidName(branch)) {
      entries.update(branch, e -> e.withUsage(usage));
    }
  }

  /** @deprecated the proxy's first call; use {@link Branches#ensureRunning} over this driver. */
  @Deprecated
  @Override
  public CompletableFuture<Endpoint> ensureRunning(String branch) {
    return legacy().thenCompose(b -> b.ensureRunning(branch)).thenApply(Wake::endpoint);
  }

  /** Stops the signalling shell and the threads of the deprecated {@link #ensureRunning}; servers keep running. */
  @Override
  public synchronized void close() {
    entries.close();
    signals.close();
    launcher.close();
    if (legacy != null) {
      legacy.thenAccept(Branches::close);
    }
  }

  /** The process id of the shell that waits to become the next server started, while one waits. */
  OptionalLong spareShellPid() {
    return launcher.sparePid();
  }

  /** Where {@code branch}'s data directory is (or would be). */
  public Path dataDir(String branch) {
    return catalog.dataDir(branch);
  }

  private synchronized CompletableFuture<Branches> legacy() {
    if (legacy == null) {
      legacy = CompletableFuture.supplyAsync(
          () -> Branches.builder(this).defaultBranch(initialBranch).policy(IdlePolicy.never()).build(),
          runnable -> {
            Thread thread = new Thread(runnable, "pgwake-local-driver-catalog");
            thread.setDaemon(true);
            thread.start();
          });
    }
    return legacy;
  }

  // ---- under the branch's lock --------------------------------------------------------------

  private Endpoint start(CatalogEntry entry) {
    return start(entry, NO_EARLY_WORD);
  }

  /**
   * Makes the server run: continues a frozen one, adopts a running one, starts a stopped one (telling {@code
   * accepting} its endpoint once it accepts connections, before the readiness probe has made sure).
   */
  private Endpoint start(CatalogEntry entry, Consumer<Endpoint> accepting) {
    Optional<PostmasterPidFile> live = livePid(entry.name());
    List<ProcStat> stopped = frozen.remove(entry.name());
    if (live.isPresent()) {
      ProcessTree tree = new ProcessTree(live.get().pid(), signals);
      if (stopped != null && !stopped.isEmpty() && stopped.get(0).pid() == live.get().pid()) {
        tree.thaw(stopped, FREEZE_TIMEOUT);
      } else if (tree.frozen()) {
        tree.thaw(FREEZE_TIMEOUT);
      }
      entries.updateSoon(entry.name(), e -> e.withState(BranchState.RUNNING)); // the hot path: no file I/O
      return endpoint(entry.port());
    }
    if (!catalog.hasData(entry.name())) {
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "branch \"" + entry.name()
          + "\" has no data directory at " + catalog.dataDir(entry.name()));
    }
    int port = PortAllocator.isFree(entry.port()) ? entry.port() : ports.allocate(); // taken while it slept?
    PostgresCluster cluster = cluster(entry.withPort(port));
    cluster.start(PostgresCluster.DEFAULT_START_TIMEOUT, () -> accepting.accept(cluster.endpoint()));
    if (port == entry.port()) {
      entries.updateSoon(entry.name(), e -> e.withState(BranchState.RUNNING)); // a restart finds the state anyway
    } else {
      entries.update(entry.name(), e -> e.withPort(port).withState(BranchState.RUNNING));
    }
    return cluster.endpoint();
  }

  private CatalogEntry stop(CatalogEntry entry) {
    frozen.remove(entry.name());
    Optional<PostmasterPidFile> live = livePid(entry.name());
    if (live.isPresent()) {
      ProcessTree tree = new ProcessTree(live.get().pid(), signals);
      if (tree.frozen()) {
        tree.thaw(FREEZE_TIMEOUT);
      }
      cluster(entry).stopFast();
    }
    launcher.prepare(); // for the start that wakes it again
    return entry.state() == BranchState.ARCHIVED ? entry : saveState(entry, BranchState.STOPPED);
  }

  /** A copy of the parent's data as {@code branchDir/data}, under the parent's lock. */
  private void copyFrom(String parent, Path branchDir) {
    withLock(parent, () -> {
      CatalogEntry p = entries.read(parent).orElseThrow(() -> new LifecycleException(
          LifecycleException.UNKNOWN_BRANCH, "parent branch \"" + parent + "\" does not exist"));
      Path partial = branchDir.resolve("data.partial");
      Optional<PostmasterPidFile> live = livePid(parent);
      if (live.isPresent()) {
        if (new ProcessTree(live.get().pid(), signals).frozen()) {
          throw new LifecycleException(NOT_READY, "parent branch \"" + parent + "\" is suspended: resume it first");
        }
        DataCopy.fromRunning(bins, cluster(p), partial);
      } else if (catalog.hasData(parent)) {
        DataCopy.fromStopped(runAs, catalog.dataDir(parent), partial);
      } else {
        throw new LifecycleException(NOT_READY, "parent branch \"" + parent + "\" is archived: resume it first");
      }
      try {
        Files.move(partial, branchDir.resolve("data"));
      } catch (IOException e) {
        throw ClusterLayout.systemError("cannot move the copy of " + parent + " into place", e);
      }
      return null;
    });
  }

  private Optional<BranchRecord> probe(CatalogEntry entry) {
    String name = entry.name();
    BranchState state;
    Optional<PostmasterPidFile> live = livePid(name);
    if (live.isPresent()) {
      state = new ProcessTree(live.get().pid(), signals).frozen() ? BranchState.SUSPENDED : BranchState.RUNNING;
    } else if (storage.has(name) && (entry.state() == BranchState.ARCHIVED || !catalog.hasData(name))) {
      state = BranchState.ARCHIVED;
    } else if (catalog.hasData(name)) {
      state = BranchState.STOPPED;
    } else {
      return Optional.empty(); // an entry whose data is gone: nothing to serve
    }
    return Optional.of(record(entry.withState(state), endpoint(entry.port())));
  }

  private PostgresCluster cluster(CatalogEntry entry) {
    return clusters.compute(entry.name(), (name, old) -> old != null && old.port() == entry.port() ? old
        : new PostgresCluster(bins, catalog.dataDir(name), entry.port(), runAs, initOptions.superuser(), launcher));
  }

  private CatalogEntry require(String branch) {
    return entries.read(branch).orElseThrow(() -> new LifecycleException(LifecycleException.UNKNOWN_BRANCH,
        "branch \"" + branch + "\" does not exist under " + catalog.branchDir(branch).getParent()));
  }

  /** The branch's entry, as it is now, in {@code state}, written before this returns. */
  private CatalogEntry saveState(CatalogEntry entry, BranchState state) {
    return entries.update(entry.name(), e -> e.withState(state)).orElse(entry.withState(state));
  }

  private Optional<PostmasterPidFile> livePid(String branch) {
    return PostmasterPidFile.read(catalog.dataDir(branch)).filter(PostmasterPidFile::processAlive);
  }

  private static BranchRecord record(CatalogEntry entry, Endpoint endpoint) {
    return new BranchRecord(entry.name(), entry.parent(), entry.created(), entry.state(), Optional.of(endpoint),
        entry.parameters(), entry.usage());
  }

  private static Endpoint endpoint(int port) {
    return new Endpoint(PostgresCluster.LOOPBACK, port);
  }

  private <T> T withLock(String branch, Supplier<T> work) {
    ReentrantLock lock = locks.computeIfAbsent(branch, name -> new ReentrantLock());
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
