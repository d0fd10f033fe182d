package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.ComputeDriver;
import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.lifecycle.LifecycleException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The embedded default driver: PostgreSQL clusters on this machine, one data directory per branch under
 * {@code <dataRoot>/branches/<name>/data}, its port recorded beside it. The initial branch is created with
 * initdb on first use; a branch whose server is already running (a pgwake restart) is adopted, not started
 * twice. One start per branch at a time: concurrent callers share it.
 *
 * <p>Not yet here (the lifecycle work): suspend/stop/archive, creating branches from a parent, idle policy.
 * Process work runs on this driver's own threads, never the caller's.
 */
public final class LocalDriver implements ComputeDriver, AutoCloseable {
  private static final String PORT_FILE = "port";

  private final Path dataRoot;
  private final PostgresBinaries bins;
  private final OsUser runAs;
  private final String initialBranch;
  private final PortAllocator ports = new PortAllocator();
  private final Map<String, CompletableFuture<Endpoint>> running = new ConcurrentHashMap<>();
  private final ExecutorService work = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "pgwake-local-driver");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * @param initialBranch the branch created with initdb when it does not exist yet (the default branch)
   */
  public LocalDriver(Path dataRoot, PostgresBinaries bins, OsUser runAs, String initialBranch) {
    this.dataRoot = dataRoot.toAbsolutePath().normalize();
    this.bins = bins;
    this.runAs = runAs;
    this.initialBranch = initialBranch;
  }

  @Override
  public CompletableFuture<Endpoint> ensureRunning(String branch) {
    CompletableFuture<Endpoint> wake = running.computeIfAbsent(branch,
        name -> CompletableFuture.supplyAsync(() -> start(name), work));
    wake.whenComplete((endpoint, error) -> {
      if (error != null) {
        running.remove(branch, wake);
      }
    });
    return wake;
  }

  private Endpoint start(String branch) {
    Path branchDir = dataRoot.resolve("branches").resolve(branch);
    PostgresCluster cluster;
    if (Files.isDirectory(branchDir.resolve("data"))) {
      cluster = new PostgresCluster(bins, branchDir.resolve("data"), recordedPort(branchDir), runAs);
    } else if (branch.equals(initialBranch)) {
      cluster = create(branchDir);
    } else {
      throw new LifecycleException("3D000", "branch \"" + branch + "\" does not exist under " + dataRoot
          + ": only \"" + initialBranch + "\" is created on first use (creating branches from a parent is not built yet)");
    }
    if (!cluster.isRunning()) {
      cluster.start();
    }
    return cluster.endpoint();
  }

  private PostgresCluster create(Path branchDir) {
    try {
      Files.createDirectories(branchDir);
      runAs.own(dataRoot);
      int port = ports.allocate();
      PostgresCluster cluster = new PostgresCluster(bins, branchDir.resolve("data"), port, runAs);
      cluster.init(InitOptions.defaults().withConfig("fsync = on"));
      Files.writeString(branchDir.resolve(PORT_FILE), Integer.toString(port), StandardCharsets.US_ASCII);
      return cluster;
    } catch (IOException e) {
      throw new LifecycleException("58030", "cannot create branch directory " + branchDir + ": " + e.getMessage(), e);
    }
  }

  private static int recordedPort(Path branchDir) {
    try {
      return Integer.parseInt(Files.readString(branchDir.resolve(PORT_FILE), StandardCharsets.US_ASCII).trim());
    } catch (IOException | NumberFormatException e) {
      throw new LifecycleException("58030", "branch directory " + branchDir + " has no readable port file: "
          + e.getMessage(), e);
    }
  }

  @Override
  public String kind() {
    return "local";
  }

  /** Stops this driver's threads; servers keep running, so the next start adopts them. */
  @Override
  public void close() {
    work.shutdownNow();
  }
}
