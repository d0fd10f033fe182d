package dev.pgwake.proxy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwake.proxy.auth.ScramSecret;
import dev.pgwake.proxy.testing.PostgresFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * The admin console (database {@code pgwake}) with the static driver, driven by pgjdbc and psql: who gets in,
 * what SHOW answers, how errors look and that the connection survives them. Branch operations on a real
 * lifecycle are in {@link AdminConsoleLifecycleTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class AdminConsoleTest {
    private static final Path PSQL = Path.of("/usr/lib/postgresql/15/bin/psql");
    private static final List<String> BRANCH_COLUMNS = List.of("name", "parent", "state", "last_resume", "port", "clients",
            "servers", "compute_seconds", "wall_seconds", "saving_pct");

    /** Trust on loopback, no admin section: {@code postgres} is the admin. */
    @RegisterExtension
    static final PgwakePerClass pgwake = new PgwakePerClass("");

    /** pgjdbc over the simple query protocol to the console of the pgwake on {@code port}. */
    static Connection console(int port, String user, String password) throws SQLException {
        Properties properties = Pgwake.properties(user, password);
        properties.setProperty("preferQueryMode", "simple");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/pgwake", properties);
    }

    /** Every row of a console statement's result, each value as text (null for NULL). */
    static List<List<String>> rows(Connection console, String sql) throws SQLException {
        try (Statement statement = console.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows(rows);
        }
    }

    static List<List<String>> rows(ResultSet rows) throws SQLException {
        List<List<String>> all = new ArrayList<>();
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                row.add(rows.getString(i));
            }
            all.add(row);
        }
        return all;
    }

    static List<String> columns(ResultSetMetaData meta) throws SQLException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            names.add(meta.getColumnName(i));
        }
        return names;
    }

    static PSQLException refused(Connection console, String sql) {
        return assertThrows(PSQLException.class, () -> rows(console, sql), sql);
    }

    @Test
    void showBranchesListsMainWithEveryColumnAsText() throws Exception {
        try (Connection console = console(pgwake.port(), PostgresFixture.SUPERUSER, null);
             Statement statement = console.createStatement();
             ResultSet rows = statement.executeQuery("SHOW BRANCHES")) {
            ResultSetMetaData meta = rows.getMetaData();
            assertEquals(BRANCH_COLUMNS, columns(meta));
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                assertEquals("text", meta.getColumnTypeName(i), meta.getColumnName(i));
            }
            assertTrue(rows.next(), "a row for main");
            assertEquals("main", rows.getString("name"));
            assertNull(rows.getString("parent"));
            assertEquals("running", rows.getString("state"));
            assertNull(rows.getString("last_resume"), "the console itself wakes nothing");
            assertEquals(Integer.toString(PostgresFixture.shared().port()), rows.getString("port"));
            assertEquals("0", rows.getString("clients"));
            assertTrue(Double.parseDouble(rows.getString("wall_seconds")) >= 0, rows.getString("wall_seconds"));
            assertFalse(rows.next(), "only main");
        }
    }

    @Test
    void keywordsAreCaseInsensitiveAndSeveralStatementsShareAQuery() throws Exception {
        try (Connection console = console(pgwake.port(), PostgresFixture.SUPERUSER, null);
             Statement statement = console.createStatement()) {
            assertTrue(statement.execute("show version; Show Branches;"));
            List<List<String>> version = rows(statement.getResultSet());
            assertTrue(statement.getMoreResults(), "a second result");
            List<List<String>> branches = rows(statement.getResultSet());

            assertEquals(1, version.size());
            assertTrue(version.get(0).get(0).startsWith("pgwake "), version.toString());
            assertEquals("main", branches.get(0).get(0));
        }
    }

    @Test
    void anUnknownCommandIs42601ListingTheCommandsAndTheConnectionGoesOn() throws Exception {
        try (Connection console = console(pgwake.port(), PostgresFixture.SUPERUSER, null)) {
            PSQLException e = refused(console, "SHOW PLANETS");

            assertEquals("42601", e.getSQLState());
            assertEquals("ERROR", e.getServerErrorMessage().getSeverity());
            for (String command : List.of("SHOW BRANCHES", "SHOW VERSION", "SUSPEND BRANCH name", "STOP BRANCH name",
                    "ARCHIVE BRANCH name", "RESUME BRANCH name", "CREATE BRANCH name [FROM parent]", "DROP BRANCH name [FORCE]")) {
                assertTrue(e.getServerErrorMessage().getMessage().contains(command), command + " in: " + e.getMessage());
            }
            assertEquals(1, rows(console, "SHOW VERSION").size());
        }
    }

    @Test
    void showHelpListsTheCommands() throws Exception {
        try (Connection console = console(pgwake.port(), PostgresFixture.SUPERUSER, null)) {
            List<String> commands = rows(console, "SHOW HELP").stream().map(row -> row.get(0)).toList();

            assertTrue(commands.contains("SHOW BRANCHES") && commands.contains("DROP BRANCH name [FORCE]"), commands.toString());
        }
    }

    @Test
    void anUnknownBranchIs3D000AndTheConnectionGoesOn() throws Exception {
        try (Connection console = console(pgwake.port(), PostgresFixture.SUPERUSER, null)) {
            PSQLException e = refused(console, "RESUME BRANCH nosuch");

            assertEquals("3D000", e.getSQLState());
            assertTrue(e.getServerErrorMessage().getMessage().contains("\"nosuch\""), e.getMessage());
            assertEquals("main", rows(console, "SHOW BRANCHES").get(0).get(0));
        }
    }

    @Test
    void aUserWhoIsNotAnAdminIsRefusedWith42501() {
        PSQLException e = assertThrows(PSQLException.class, () -> console(pgwake.port(), PostgresFixture.TRUST_USER, null).close());

        assertEquals("42501", e.getSQLState());
        assertEquals("FATAL", e.getServerErrorMessage().getSeverity());
        assertEquals("permission denied for the pgwake console: user \"" + PostgresFixture.TRUST_USER
                + "\" is not in admin.users", e.getServerErrorMessage().getMessage());
    }

    @Test
    void theExtendedQueryProtocolIsRefusedWith0A000() {
        Properties properties = Pgwake.properties(PostgresFixture.SUPERUSER, null);
        PSQLException e = assertThrows(PSQLException.class, () -> {
            try (Connection console = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgwake.port() + "/pgwake", properties)) {
                rows(console, "SHOW VERSION");
            }
        });

        assertEquals("0A000", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("the pgwake console speaks the simple query protocol only"), e.getMessage());
    }

    @Test
    void onlyListedAdminsGetInAfterAuthenticatingAsEveryClientDoes() throws Exception {
        String users = "auth:\n  method: scram-sha-256\n  users_file: " + Pgwake.usersFile(Map.of(
                "ops", ScramSecret.generate("ops password").encode(),
                "alice", ScramSecret.generate("alice password").encode())) + "\nadmin:\n  users: [ops]\n";
        try (Pgwake scram = Pgwake.start(users)) {
            try (Connection console = console(scram.port(), "ops", "ops password")) {
                assertEquals("main", rows(console, "SHOW BRANCHES").get(0).get(0));
            }
            PSQLException notAdmin = assertThrows(PSQLException.class, () -> console(scram.port(), "alice", "alice password"));
            assertEquals("42501", notAdmin.getSQLState());
            PSQLException wrongPassword = assertThrows(PSQLException.class, () -> console(scram.port(), "ops", "guess"));
            assertEquals("28P01", wrongPassword.getSQLState(), "authentication comes first");
        }
    }

    @Test
    void psqlPrintsShowBranchesAsATable(@TempDir Path home) throws Exception {
        assumeTrue(Files.isExecutable(PSQL), PSQL + " is not installed");
        ProcessBuilder builder = new ProcessBuilder(PSQL.toString(), "-X", "-h", "127.0.0.1", "-p",
                Integer.toString(pgwake.port()), "-U", PostgresFixture.SUPERUSER, "pgwake", "-c", "SHOW BRANCHES")
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(home.resolve("stdout").toFile())
                .redirectError(home.resolve("stderr").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PG") || name.startsWith("LC_"));
        env.putAll(Map.of("PGSSLMODE", "disable", "PGGSSENCMODE", "disable", "PGCONNECT_TIMEOUT", "10",
                "LC_ALL", "C.UTF-8", "HOME", home.toString()));
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("psql did not finish within 30 s");
        }
        String out = read(home.resolve("stdout"));
        String err = read(home.resolve("stderr"));

        assertEquals(0, process.exitValue(), out + err);
        assertEquals("", err);
        List<String> lines = out.lines().toList();
        assertEquals(BRANCH_COLUMNS, List.of(lines.get(0).split("\\|")).stream().map(String::strip).toList(), out);
        assertTrue(lines.get(1).matches("-+(\\+-+)+"), out);
        assertTrue(lines.get(2).strip().startsWith("main "), out);
        assertTrue(lines.get(2).contains("| running "), out);
        assertEquals("(1 row)", lines.get(3), out);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
