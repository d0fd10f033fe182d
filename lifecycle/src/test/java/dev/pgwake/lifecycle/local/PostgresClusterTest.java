package dev.pgwake.lifecycle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwake.lifecycle.LifecycleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real PostgreSQL cluster: init and start once, then exercised with pgjdbc and psql. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PostgresClusterTest {

  private static final String SCRAM_HBA = "host all scram_user 127.0.0.1/32 scram-sha-256";
  private static final PortAllocator PORTS = new PortAllocator();

  private static Path root;
  private static PostgresBinaries bins;
  private static OsUser runAs;
  private static PostgresCluster cluster;

  @BeforeAll
  static void initAndStart() throws Exception {
    Optional<PostgresBinaries> found = PostgresBinaries.locate();
    assumeTrue(found.isPresent(), "no PostgreSQL server binaries on this machine");
    bins = found.get();
    runAs = OsUser.detect();
    root = TestDirectories.create("pgwake-cluster-", runAs);
    cluster = new PostgresCluster(bins, root.resolve("data"), PORTS.allocate(), runAs);

    long t0 = System.nanoTime();
    cluster.init(InitOptions.defaults().withHba(SCRAM_HBA));
    long t1 = System.nanoTime();
    cluster.start();
    long t2 = System.nanoTime();
    System.out.printf("[timing] init %d ms, first start %d ms (%s, %s)%n",
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, bins, runAs);
  }

  @AfterAll
  static void stopAndDelete() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    TestDirectories.delete(root);
  }

  @Test
  void answersSelectOneOverPgjdbc() throws SQLException {
    assertEquals(1, selectOne("postgres", null));
  }

  @Test
  void scramRoleLogsInWithTheRightPasswordOnly() throws SQLException {
    cluster.runSql("drop role if exists scram_user; create role scram_user login password 'right pass';");
    assertTrue(cluster.runSql("select rolpassword from pg_authid where rolname = 'scram_user'")
        .startsWith("SCRAM-SHA-256$"));

    assertEquals(1, selectOne("scram_user", "right pass"));
    SQLException wrong = assertThrows(SQLException.class, () -> selectOne("scram_user", "wrong pass"));
    assertEquals("28P01", wrong.getSQLState());
  }

  @Test
  void callerHbaLinesComeBeforeInitdbDefaults() throws Exception {
    String hba = Files.readString(cluster.dataDir().resolve("pg_hba.conf"));
    int callerLine = hba.indexOf(SCRAM_HBA);
    int trustLine = hba.indexOf("127.0.0.1/32            trust");
    assertTrue(callerLine >= 0 && trustLine > callerLine, hba);
  }

  @Test
  void runSqlReturnsOutputAndCarriesTheServerSqlState() {
    assertEquals("15", cluster.runSql("select 7 + 8"));
    LifecycleException e = assertThrows(LifecycleException.class,
        () -> cluster.runSql("select * from no_such_table"));
    assertEquals("42P01", e.sqlState());
    assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
  }

  @Test
  void stopFastThenWarmStart() throws SQLException {
    int firstPid = cluster.postmasterPid();

    long t0 = System.nanoTime();
    cluster.stopFast();
    long t1 = System.nanoTime();
    assertFalse(cluster.isRunning());
    assertFalse(Files.exists(cluster.dataDir().resolve("postmaster.pid")));
    assertThrows(SQLException.class, () -> selectOne("postgres", null));

    cluster.start();
    long t2 = System.nanoTime();
    System.out.printf("[timing] stopFast %d ms, warm start %d ms%n",
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    assertTrue(cluster.isRunning());
    assertNotEquals(firstPid, cluster.postmasterPid());
    assertEquals(1, selectOne("postgres", null));
  }

  @Test
  void startRefusesADataDirectoryAlreadyServed() {
    PostgresCluster sameDir = new PostgresCluster(bins, cluster.dataDir(), PORTS.allocate(), runAs);
    assertTrue(sameDir.isRunning());
    assertThrows(IllegalStateException.class, sameDir::start);
  }

  @Test
  void initRefusesADirectoryThatIsNotEmpty() {
    LifecycleException e = assertThrows(LifecycleException.class,
        () -> cluster.init(InitOptions.defaults()));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
  }

  @Test
  void startFailsFastWhenAnotherServerHoldsThePort() throws Exception {
    PostgresCluster intruder = new PostgresCluster(bins, root.resolve("intruder"), cluster.port(), runAs);
    intruder.init(InitOptions.defaults());

    LifecycleException e = assertThrows(LifecycleException.class, () -> intruder.start());

    assertEquals("58000", e.sqlState());
    assertTrue(e.getMessage().contains("exited"), e.getMessage());
    assertTrue(e.getMessage().contains("could not create any TCP/IP sockets"), e.getMessage());
    assertFalse(intruder.isRunning());
    assertEquals(1, selectOne("postgres", null));
  }

  @Test
  void hbaLinesAddedToARunningServerApplyAfterReload() throws Exception {
    cluster.runSql("drop role if exists refused_user; create role refused_user login;");
    assertEquals(1, selectOneAs("refused_user"));

    cluster.appendHba("host all refused_user 127.0.0.1/32 reject");
    cluster.reloadConfig();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    SQLException refused = null;
    while (refused == null && System.nanoTime() < deadline) {
      try {
        selectOneAs("refused_user");
        Thread.sleep(10);
      } catch (SQLException e) {
        refused = e;
      }
    }
    assertNotNull(refused, "the reject rule never applied");
    assertEquals("28000", refused.getSQLState());
  }

  @Test
  void longDataDirectoryPathsServeTheirSocketFromAShortDirectory() throws Exception {
    Path deep = root.resolve("a-directory-name-long-enough-to-push-the-socket-path-past-sun-path-x".repeat(2));
    PostgresCluster longPath = new PostgresCluster(bins, deep.resolve("data"), PORTS.allocate(), runAs);
    longPath.init(InitOptions.defaults());
    try {
      longPath.start();
      assertNotEquals(longPath.dataDir(), longPath.socketDirectory());
      assertTrue(Files.exists(longPath.socketDirectory().resolve(".s.PGSQL." + longPath.port())));
      assertEquals("1", longPath.runSql("select 1"));
    } finally {
      longPath.close();
    }
    assertFalse(Files.exists(longPath.socketDirectory()));
  }

  private static int selectOneAs(String user) throws SQLException {
    return selectOne(user, null);
  }

  private static int selectOne(String user, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("sslmode", "disable");
    props.setProperty("connectTimeout", "10");
    props.setProperty("socketTimeout", "30");
    String url = "jdbc:postgresql://" + cluster.endpoint().host() + ":" + cluster.port() + "/postgres";
    try (Connection c = DriverManager.getConnection(url, props);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
