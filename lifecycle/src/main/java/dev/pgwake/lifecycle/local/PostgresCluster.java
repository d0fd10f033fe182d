package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.lifecycle.LifecycleException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One PostgreSQL data directory on this machine, served on 127.0.0.1:{@code port}. Creates it
 * ({@link #init}), starts the postmaster in the background as an {@link OsUser} and waits until a real
 * connection is answered ({@link #start}), stops it with a fast shutdown ({@link #stopFast}) and runs
 * SQL through psql ({@link #runSql}). Server output goes to {@link #logFile()}, next to the data
 * directory. Every call blocks, with a timeout; calls on one instance are serialised. The postmaster
 * runs in its own session (setsid, through a {@link PostmasterLauncher}), so it and its backends form
 * one process group, and when this JVM started it, the JVM is its parent and reaps it at once.
 */
public final class PostgresCluster implements AutoCloseable {

  public static final String LOOPBACK = "127.0.0.1";
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(1); // a read of postmaster.pid until it says ready
  private static final Duration PROBE_IO_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration STOP_POLL_INTERVAL = Duration.ofMillis(1);

  private final PostgresBinaries bins;
  private final ClusterLayout layout;
  private final int port;
  private final OsUser runAs;
  private final PostmasterLauncher launcher;
  private String superuser;
  private Process postmaster;

  /** A cluster whose bootstrap superuser is {@value InitOptions#DEFAULT_SUPERUSER} (or set by init). */
  public PostgresCluster(PostgresBinaries bins, Path dataDir, int port, OsUser runAs) {
    this(bins, dataDir, port, runAs, InitOptions.DEFAULT_SUPERUSER);
  }

  /** A cluster, typically an existing data directory, whose bootstrap superuser is {@code superuser}. */
  public PostgresCluster(PostgresBinaries bins, Path dataDir, int port, OsUser runAs, String superuser) {
    this(bins, dataDir, port, runAs, superuser, PostmasterLauncher.plain(runAs));
  }

  /** A cluster whose postmaster {@code launcher} starts (it must run programs as {@code runAs}). */
  PostgresCluster(PostgresBinaries bins, Path dataDir, int port, OsUser runAs, String superuser,
      PostmasterLauncher launcher) {
    this.bins = Objects.requireNonNull(bins, "bins");
    this.runAs = Objects.requireNonNull(runAs, "runAs");
    this.launcher = Objects.requireNonNull(launcher, "launcher");
    this.superuser = Objects.requireNonNull(superuser, "superuser");
    this.port = new Endpoint(LOOPBACK, port).port();
    this.layout = new ClusterLayout(Objects.requireNonNull(dataDir, "dataDir"), port);
  }

  /**
   * Runs {@code initdb -N --auth=trust -E UTF8 --locale=C} on a missing or empty data directory, then
   * writes settings for a small, fast, loopback-only server (fsync off, 16MB shared buffers, 200
   * connections, SCRAM password hashing) followed by {@code options.configLines()}, and puts {@code
   * options.hbaLines()} before initdb's trust rules.
   */
  public synchronized void init(InitOptions options) {
    Objects.requireNonNull(options, "options");
    layout.prepareEmptyDataDirectory(runAs);
    List<String> command = List.of(bins.initdb().toString(), "-N", "-D", dataDir().toString(),
        "-U", options.superuser(), "--auth=trust", "-E", "UTF8", "--locale=C");
    CommandRunner.Result result = CommandRunner.run(processBuilder(command), INITDB_TIMEOUT);
    layout.appendToLog("initdb (exit " + result.exitCode() + ")\n" + result.output());
    if (!result.succeeded()) {
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "initdb failed for " + dataDir()
          + " (exit " + result.exitCode() + "):\n" + result.output());
    }
    List<String> settings = new ArrayList<>(List.of(
        "listen_addresses = " + ConfigFiles.quote(LOOPBACK),
        "port = " + port,
        "unix_socket_directories = " + ConfigFiles.quote(layout.socketDir().toString()),
        "fsync = off",
        "shared_buffers = 16MB",
        "max_connections = 200",
        "password_encryption = 'scram-sha-256'"));
    settings.addAll(options.configLines());
    try {
      ConfigFiles.appendSettings(dataDir(), "pgwake: small, fast, loopback-only server", settings);
      for (String line : options.hbaLines()) {
        ConfigFiles.addHbaRule(dataDir(), line);
      }
    } catch (IOException e) {
      throw ClusterLayout.systemError("cannot write the configuration of " + dataDir(), e);
    }
    superuser = options.superuser();
  }

  /**
   * Puts {@code line} after earlier caller lines but before initdb's pg_hba.conf rules (the first
   * matching line decides). A running server sees it after {@link #reloadConfig()}.
   */
  public synchronized void appendHba(String line) {
    InitOptions.checkSingleLine(line, "pg_hba.conf line");
    try {
      ConfigFiles.addHbaRule(dataDir(), line);
    } catch (IOException e) {
      throw ClusterLayout.systemError("cannot edit " + dataDir().resolve("pg_hba.conf"), e);
    }
  }

  /** {@link #start(Duration)} with {@link #DEFAULT_START_TIMEOUT}. */
  public void start() {
    start(DEFAULT_START_TIMEOUT);
  }

  /**
   * Starts {@code postgres -D dataDir -p port -k socketDir} in the background and returns once a
   * connection to 127.0.0.1:port is answered by this very server. Command-line port and socket
   * directory win over postgresql.conf, so a copied data directory serves on this cluster's port.
   *
   * @throws LifecycleException 58000 if the server exits while starting; 57P03 on timeout, in which
   *     case the server is left running (stop it with {@link #stopFast()})
   */
  public void start(Duration timeout) {
    start(timeout, () -> { });
  }

  /**
   * {@link #start(Duration)}, running {@code accepting} as soon as postmaster.pid says this server accepts
   * connections, before the readiness probe's own connection is answered.
   */
  public synchronized void start(Duration timeout, Runnable accepting) {
    if (!isInitialized()) {
      throw new IllegalStateException(dataDir() + " holds no cluster: call init first");
    }
    Optional<PostmasterPidFile> running = livePidFile();
    if (running.isPresent()) {
      throw new IllegalStateException(
          dataDir() + " is already served by postmaster pid " + running.get().pid());
    }
    layout.prepareSocketDirectory(runAs);
    layout.appendToLog("starting postgres on " + LOOPBACK + ":" + port);
    runAs.own(layout.logFile()); // a spare shell opens it as the user
    List<String> command = List.of(bins.postgres().toString(), "-D", dataDir().toString(),
        "-p", Integer.toString(port), "-k", layout.socketDir().toString());
    try {
      postmaster = launcher.launch(command, layout.workingDir(), layout.logFile());
    } catch (IOException e) {
      throw ClusterLayout.systemError("cannot start " + CommandRunner.describe(command), e);
    }
    ReadinessProbe probe = new ReadinessProbe(new InetSocketAddress(LOOPBACK, port), superuser, "postgres");
    new StartupWait(postmaster, dataDir(), probe, layout::logTail)
        .await(timeout, PROBE_INTERVAL, PROBE_IO_TIMEOUT, accepting);
  }

  /** {@link #stopFast(Duration)} with {@link #DEFAULT_STOP_TIMEOUT}. */
  public void stopFast() {
    stopFast(DEFAULT_STOP_TIMEOUT);
  }

  /**
   * Fast shutdown: SIGINT to the postmaster (open transactions roll back, sessions end), then waits
   * until postmaster.pid is gone, which the postmaster removes after closing its sockets. Does
   * nothing when the server is not running.
   */
  public synchronized void stopFast(Duration timeout) {
    Optional<PostmasterPidFile> pidFile = livePidFile();
    if (pidFile.isEmpty()) {
      postmaster = null;
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    long pid = pidFile.get().pid();
    signal(pid, "INT");
    if (postmaster != null && postmaster.pid() == pid) {
      waitForExit(postmaster, deadline);
    }
    while (livePidFile().isPresent()) {
      if (System.nanoTime() - deadline > 0) {
        throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "postgres pid " + pid + " for "
            + dataDir() + " did not stop within " + timeout.toMillis() + " ms; server log ends with:\n"
            + layout.logTail());
      }
      sleep(STOP_POLL_INTERVAL);
    }
    postmaster = null;
    layout.removeSocketDirectory();
  }

  /** Asks the running server to reload postgresql.conf and pg_hba.conf (SIGHUP; applies shortly after). */
  public synchronized void reloadConfig() {
    signal(postmasterPid(), "HUP");
  }

  /**
   * Runs {@code sql} (one or more statements, fed on stdin so passwords stay out of the process list)
   * through psql as the superuser over the Unix socket, stopping at the first error.
   *
   * @return psql's unaligned, tuples-only output, stripped
   * @throws LifecycleException carrying the server's SQLSTATE and psql's error output on failure
   */
  public String runSql(String sql) {
    Objects.requireNonNull(sql, "sql");
    return Psql.run(bins.psql(), runAs, layout.workingDir(), layout.socketDir().toString(), port,
        superuser(), "postgres", sql);
  }

  /** True when postmaster.pid names a live process. */
  public boolean isRunning() {
    return livePidFile().isPresent();
  }

  /** True when the data directory holds a cluster (PG_VERSION exists). */
  public boolean isInitialized() {
    return Files.isRegularFile(dataDir().resolve("PG_VERSION"));
  }

  /**
   * The postmaster's process id, from postmaster.pid.
   *
   * @throws IllegalStateException if there is no postmaster.pid
   */
  public int postmasterPid() {
    return PostmasterPidFile.read(dataDir()).map(f -> (int) f.pid()).orElseThrow(
        () -> new IllegalStateException("no postmaster.pid in " + dataDir() + ": the server is not running"));
  }

  /** Stops the server if it runs; the data directory stays. */
  @Override
  public void close() {
    stopFast();
  }

  public Path dataDir() {
    return layout.dataDir();
  }

  public int port() {
    return port;
  }

  public synchronized String superuser() {
    return superuser;
  }

  public Path logFile() {
    return layout.logFile();
  }

  /** Directory of the Unix socket: the data directory, or a short one under /tmp for long paths. */
  public Path socketDirectory() {
    return layout.socketDir();
  }

  public OsUser runAs() {
    return runAs;
  }

  /** 127.0.0.1:port. */
  public Endpoint endpoint() {
    return new Endpoint(LOOPBACK, port);
  }

  @Override
  public String toString() {
    return "PostgresCluster[" + dataDir() + " on " + LOOPBACK + ":" + port + "]";
  }

  private Optional<PostmasterPidFile> livePidFile() {
    return PostmasterPidFile.read(dataDir()).filter(PostmasterPidFile::processAlive);
  }

  private ProcessBuilder processBuilder(List<String> command) {
    return runAs.processBuilder(command, layout.workingDir());
  }

  private static void signal(long pid, String signal) {
    CommandRunner.Result result =
        CommandRunner.run(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)), SIGNAL_TIMEOUT);
    if (!result.succeeded() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR,
          "cannot send SIG" + signal + " to postgres pid " + pid + ": " + result.output());
    }
  }

  private static void waitForExit(Process process, long deadline) {
    try {
      process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "interrupted while stopping postgres", e);
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(Math.max(1, duration.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "interrupted while waiting for postgres", e);
    }
  }
}
