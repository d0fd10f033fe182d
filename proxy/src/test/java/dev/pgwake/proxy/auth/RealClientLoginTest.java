package dev.pgwake.proxy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real clients log in against this package's server side through {@link AuthOnlyServer}: pgjdbc
 * (its own SCRAM and SASLprep implementation) always, libpq via psql where it is installed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealClientLoginTest {

    private static final Path PSQL = Path.of("/usr/lib/postgresql/15/bin/psql");

    /** A SCRAM secret PostgreSQL 15 stored for password "I\u00BD\u2168\u2163" (see ScramSecretTest). */
    private static final String POSTGRES_SCRAM_SECRET = "SCRAM-SHA-256$4096:gZKG7rbgra/EQeHz54+GCQ==$"
            + "ifL8MlJVKhFhe2KEC7UkAuMzBX+WLUGsrm2texdYzho=:u46qXOWu7k+7tLHDAL015vGxX+vnvPZAJQ5lhD0Cvz4=";

    private static final UserList USERS = UserList.parse(String.join("\n",
            "\"scram\" \"" + ScramSecret.generate("s3cret").encode() + "\"",
            "\"pgscram\" \"" + POSTGRES_SCRAM_SECRET + "\"",
            "\"plain\" \"p\u00E4ss w\u00F6rd\"",
            "\"md5\" \"" + Md5Secret.fromPassword("md5", "s3cret").encode() + "\""));

    @Test
    void pgjdbcLogsInWithScram() throws Exception {
        try (AuthOnlyServer server = new AuthOnlyServer(USERS, AuthOnlyServer.Method.SCRAM)) {
            assertPgjdbcLogsIn(server, "scram", "s3cret");
            assertPgjdbcLogsIn(server, "pgscram", "I\u00BD\u2168\u2163");
            assertPgjdbcLogsIn(server, "pgscram", "I1\u20442IXIV");
            assertPgjdbcLogsIn(server, "plain", "p\u00E4ss\u00A0w\u00F6rd");
        }
    }

    @Test
    void pgjdbcLogsInWithMd5() throws Exception {
        try (AuthOnlyServer server = new AuthOnlyServer(USERS, AuthOnlyServer.Method.MD5)) {
            assertPgjdbcLogsIn(server, "md5", "s3cret");
            assertPgjdbcLogsIn(server, "plain", "p\u00E4ss w\u00F6rd");
        }
    }

    @ParameterizedTest
    @EnumSource(AuthOnlyServer.Method.class)
    void pgjdbcGets28P01ForWrongPasswordsAndUnknownUsersAlike(AuthOnlyServer.Method method) throws Exception {
        try (AuthOnlyServer server = new AuthOnlyServer(USERS, method)) {
            String user = method == AuthOnlyServer.Method.SCRAM ? "scram" : "md5";
            assertPgjdbcFails(server, user, "wrong", user);
            assertPgjdbcFails(server, "nobody", "s3cret", "nobody");
        }
    }

    @ParameterizedTest
    @EnumSource(AuthOnlyServer.Method.class)
    void libpqLogsInAndFailsLikeWithPostgresql(AuthOnlyServer.Method method) throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql from PostgreSQL 15 is not installed");
        try (AuthOnlyServer server = new AuthOnlyServer(USERS, method)) {
            String user = method == AuthOnlyServer.Method.SCRAM ? "pgscram" : "md5";
            String password = method == AuthOnlyServer.Method.SCRAM ? "I\u00BD\u2168\u2163" : "s3cret";

            assertEquals("", psql(server, user, password));
            assertTrue(psql(server, user, "wrong").contains(
                    "FATAL:  password authentication failed for user \"" + user + "\""));
            assertTrue(psql(server, "nobody", password).contains(
                    "FATAL:  password authentication failed for user \"nobody\""));
        }
    }

    private static void assertPgjdbcLogsIn(AuthOnlyServer server, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(server), properties(user, password))) {
            assertFalse(connection.isClosed());
        }
    }

    private static void assertPgjdbcFails(AuthOnlyServer server, String user, String password, String named) {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url(server), properties(user, password)).close());
        assertEquals("28P01", e.getSQLState());
        assertTrue(e.getMessage().contains("password authentication failed for user \"" + named + "\""), e.getMessage());
    }

    private static String url(AuthOnlyServer server) {
        return "jdbc:postgresql://127.0.0.1:" + server.port() + "/db";
    }

    private static Properties properties(String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("sslmode", "disable");
        properties.setProperty("gssEncMode", "disable");
        properties.setProperty("assumeMinServerVersion", "10");
        properties.setProperty("loginTimeout", "10");
        return properties;
    }

    /** Runs psql with no commands; returns its stderr ("" when the login worked and psql exited 0). */
    private static String psql(AuthOnlyServer server, String user, String password) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(PSQL.toString(), "-X", "-w", "-h", "127.0.0.1",
                "-p", Integer.toString(server.port()), "-U", user, "-d", "db", "-f", "/dev/null"));
        builder.environment().put("PGPASSWORD", password);
        builder.environment().put("PGSSLMODE", "disable");
        builder.environment().put("PGGSSENCMODE", "disable");
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "psql did not finish");
        assertEquals(stderr.isEmpty() ? 0 : 2, process.exitValue(), stderr);
        return stderr;
    }
}
