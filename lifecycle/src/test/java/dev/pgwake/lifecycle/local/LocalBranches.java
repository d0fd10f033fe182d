package dev.pgwake.lifecycle.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwake.lifecycle.BranchRecord;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.Branches;
import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.lifecycle.IdlePolicy;
import dev.pgwake.lifecycle.Wake;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A data root under /tmp with a local driver and a coordinator over it (idle policy off: tests command
 * every step), plus pgjdbc helpers. Closing stops every server it knows and deletes the root.
 */
final class LocalBranches implements AutoCloseable {

  static final long WAIT_SECONDS = 60;

  final Path root;
  final PostgresBinaries bins;
  final OsUser runAs;
  final LocalDriver driver;
  final Branches branches;
  private final List<LocalDriver> extraDrivers = new ArrayList<>();

  private LocalBranches(Path root, PostgresBinaries bins, OsUser runAs) {
    this.root = root;
    this.bins = bins;
    this.runAs = runAs;
    this.driver = new LocalDriver(root, bins, runAs, "main");
    this.branches = coordinator(driver);
  }

  /** Skips the test when no PostgreSQL server programs are installed. */
  static LocalBranches create() throws Exception {
    Optional<PostgresBinaries> found = PostgresBinaries.locate();
    assumeTrue(found.isPresent(), "no PostgreSQL server binaries on this machine");
    OsUser runAs = OsUser.detect();
    return new LocalBranches(TestDirectories.create("pgwake-branches-", runAs), found.get(), runAs);
  }

  static Branches coordinator(LocalDriver driver) {
    return Branches.builder(driver).policy(IdlePolicy.never()).build();
  }

  /** Another driver over the same data root, as after a pgwake restart. */
  LocalDriver restartedDriver() {
    LocalDriver again = new LocalDriver(root, bins, runAs, "main");
    extraDrivers.add(again);
    return again;
  }

  Wake wake(String branch) throws Exception {
    return get(branches.ensureRunning(branch));
  }

  static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  Endpoint endpoint(String branch) {
    return branches.info(branch).orElseThrow().endpoint().orElseThrow();
  }

  static Connection connect(Endpoint endpoint, int loginTimeoutSeconds) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    props.setProperty("sslmode", "disable");
    props.setProperty("connectTimeout", "10");
    props.setProperty("loginTimeout", Integer.toString(loginTimeoutSeconds));
    props.setProperty("socketTimeout", "30");
    return DriverManager.getConnection(
        "jdbc:postgresql://" + endpoint.host() + ":" + endpoint.port() + "/postgres", props);
  }

  void execute(String branch, String sql) throws SQLException {
    try (Connection c = connect(endpoint(branch), 10); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  List<String> rows(String branch, String sql) throws SQLException {
    try (Connection c = connect(endpoint(branch), 10)) {
      return rows(c, sql);
    }
  }

  static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  long postmasterPid(String branch) {
    return PostmasterPidFile.read(driver.dataDir(branch)).orElseThrow().pid();
  }

  @Override
  public void close() throws java.io.IOException {
    branches.close();
    for (BranchRecord record : driver.catalog()) {
      if (record.state() == BranchState.RUNNING || record.state() == BranchState.SUSPENDED) {
        driver.stop(record.name());
      }
    }
    extraDrivers.forEach(LocalDriver::close);
    driver.close();
    TestDirectories.delete(root);
  }
}
