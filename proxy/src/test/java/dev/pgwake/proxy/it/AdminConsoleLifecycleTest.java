package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwake.lifecycle.BranchRecord;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.local.LocalDriver;
import dev.pgwake.lifecycle.local.OsUser;
import dev.pgwake.lifecycle.local.PostgresBinaries;
import dev.pgwake.proxy.Main;
import dev.pgwake.proxy.ProxyServer;
import dev.pgwake.proxy.config.ConfigLoader;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.testing.PostgresFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.postgresql.util.PSQLException;

/**
 * The admin console steering real branches: pgwake with the local driver over its own data root under /tmp (idle
 * policy off, so only the tests move branches), normal clients and the console side by side through pgjdbc. The
 * data root is deleted after the class, every server in it stopped first.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class AdminConsoleLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static PostgresBinaries bins;
    private static OsUser runAs;
    private static Path root;
    private static ProxyServer server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Optional<PostgresBinaries> found = PostgresBinaries.locate();
        assumeTrue(found.isPresent(), "no PostgreSQL server binaries on this machine");
        bins = found.get();
        runAs = OsUser.detect();
        root = Files.createTempDirectory(Path.of("/tmp"), "pgwake-admin-it-");
        runAs.own(root);
        String yaml = "listen: 127.0.0.1:0\nhttp: {listen: '127.0.0.1:0'}\n"
                + "driver: {kind: local, data_root: '" + root + "', bin_dir: '" + bins.binDir() + "'}\n"
                + "lifecycle: {idle_after: off, suspend_after: off, stop_after: off, wake_timeout: 60s}\n";
        ProxyConfig config = new ConfigLoader().parse(yaml, "AdminConsoleLifecycleTest");
        server = new ProxyServer(config, Main.driver(config.driver(), config.routing().defaultBranch()));
        port = server.start().getPort();
        try (Connection first = client("postgres")) {
            assertEquals("1", Sql.one(first, "select 1"), "main is created on first use");
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (root == null) {
            return;
        }
        LocalDriver driver = new LocalDriver(root, bins, runAs, "main");
        try {
            for (BranchRecord record : driver.catalog()) {
                if (record.state() == BranchState.RUNNING || record.state() == BranchState.SUSPENDED) {
                    driver.stop(record.name());
                }
            }
        } finally {
            driver.close();
            try (Stream<Path> tree = Files.walk(root)) {
                for (Path path : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** A normal client of {@code database} (e.g. {@code postgres@feat}) through pgwake, with time for a cold wake. */
    private static Connection client(String database) throws SQLException {
        Properties properties = Pgwake.properties(PostgresFixture.SUPERUSER, null);
        properties.setProperty("loginTimeout", "90");
        properties.setProperty("socketTimeout", "90");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }

    private static Connection console() throws SQLException {
        Properties properties = Pgwake.properties(PostgresFixture.SUPERUSER, null);
        properties.setProperty("preferQueryMode", "simple");
        properties.setProperty("socketTimeout", "90");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/pgwake", properties);
    }

    /** The SHOW BRANCHES row of {@code branch}, column name to value; null when it is not listed. */
    private static Map<String, String> branch(Connection console, String branch) throws SQLException {
        try (Statement statement = console.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("SHOW BRANCHES")) {
            while (rows.next()) {
                if (rows.getString("name").equals(branch)) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        row.put(rows.getMetaData().getColumnName(i), rows.getString(i));
                    }
                    return row;
                }
            }
            return null;
        }
    }

    private static List<String> one(Connection console, String sql) throws SQLException {
        List<List<String>> rows = AdminConsoleTest.rows(console, sql);
        assertEquals(1, rows.size(), sql + " answers one row: " + rows);
        return rows.get(0);
    }

    /** Makes sure main is running whatever an earlier test left it in, as a client would. */
    private static void wakeMain() throws SQLException {
        try (Connection client = client("postgres")) {
            Sql.one(client, "select 1");
        }
    }

    @Test
    void showBranchesListsMainWithItsStateAndClients() throws Exception {
        try (Connection client = client("postgres"); Connection console = console()) {
            Sql.one(client, "select 1");

            Await.until(WAIT, "1", () -> branch(console, "main").get("clients"), "clients of main");
            Map<String, String> main = branch(console, "main");
            assertEquals("running", main.get("state"), main.toString());
            assertNull(main.get("parent"), main.toString());
            assertTrue(Integer.parseInt(main.get("port")) > 0, main.toString());
            double compute = Double.parseDouble(main.get("compute_seconds"));
            double wall = Double.parseDouble(main.get("wall_seconds"));
            assertTrue(compute > 0 && compute <= wall + 0.001, main.toString());
        }
    }

    @Test
    void aSuspendedBranchIsWokenHotByTheNextQueryOfAClient() throws Exception {
        wakeMain();
        try (Connection client = client("postgres"); Connection console = console(); Statement statement = console.createStatement()) {
            assertEquals("1", Sql.one(client, "select 1"));

            assertTrue(statement.execute("SUSPEND BRANCH main; SHOW BRANCHES"));
            assertEquals(List.of(List.of("main", "suspended")), AdminConsoleTest.rows(statement.getResultSet()));
            assertTrue(statement.getMoreResults(), "the SHOW BRANCHES after it");
            List<String> listed = AdminConsoleTest.rows(statement.getResultSet()).stream()
                    .filter(row -> row.get(0).equals("main")).findFirst().orElseThrow();
            assertEquals("suspended", listed.get(2), "state: " + listed);

            assertEquals("2", Sql.one(client, "select 1 + 1"), "the client's query wakes main");
            Map<String, String> main = branch(console, "main");
            assertEquals("running", main.get("state"), main.toString());
            assertEquals("hot", main.get("last_resume"), main.toString());
        }
    }

    @Test
    void resumeBranchAnswersWhatTheWakeHadToDo() throws Exception {
        wakeMain();
        try (Connection console = console()) {
            assertEquals(List.of("main", "suspended"), one(console, "SUSPEND BRANCH main"));
            List<String> hot = one(console, "RESUME BRANCH main");
            assertEquals(List.of("main", "hot"), hot.subList(0, 2));
            assertTrue(Long.parseLong(hot.get(2)) >= 0, hot.toString());

            assertEquals(List.of("main", "none", "0"), one(console, "resume branch MAIN;"), "already running");

            assertEquals(List.of("main", "stopped"), one(console, "STOP BRANCH main"));
            assertEquals("stopped", branch(console, "main").get("state"));
            assertEquals(List.of("main", "warm"), one(console, "RESUME BRANCH main").subList(0, 2));
            assertEquals("warm", branch(console, "main").get("last_resume"));
        }
    }

    @Test
    void aBranchIsCreatedFromMainAndDroppedOnlyWithForceWhileAClientIsAttached() throws Exception {
        wakeMain();
        try (Connection console = console()) {
            List<String> created = one(console, "CREATE BRANCH feat FROM main");
            assertEquals(List.of("feat", "main", "cold"), created.subList(0, 3));
            Map<String, String> feat = branch(console, "feat");
            assertNotNull(feat, "SHOW BRANCHES lists feat");
            assertEquals("main", feat.get("parent"));
            assertEquals("running", feat.get("state"));

            try (Connection client = client("postgres@feat")) {
                assertEquals("1", Sql.one(client, "select 1"));
                Await.until(WAIT, "1", () -> branch(console, "feat").get("clients"), "clients of feat");

                PSQLException refused = assertThrows(PSQLException.class, () -> one(console, "DROP BRANCH feat"));
                assertEquals("55006", refused.getSQLState());
                assertTrue(refused.getServerErrorMessage().getMessage().contains("1 client connected"), refused.getMessage());
                assertEquals("running", branch(console, "feat").get("state"), "the connection goes on and feat is untouched");

                assertEquals(List.of("feat", "dropped"), one(console, "DROP BRANCH feat FORCE"));
                assertNull(branch(console, "feat"), "feat is gone");
            }
        }
    }
}
