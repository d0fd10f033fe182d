package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Every way a client names its branch, checked by which server answers: branch {@code main} is the shared
 * cluster, {@code feature-x} a second cluster on another port, so {@code inet_server_port()} tells them apart.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class RoutingTest {
    private static Pgwake pgwake;
    private static int mainPort;
    private static int featurePort;

    @BeforeAll
    static void start() {
        PostgresFixture main = PostgresFixture.shared();
        PostgresFixture feature = PostgresFixture.second();
        mainPort = main.port();
        featurePort = feature.port();
        assertNotEquals(mainPort, featurePort);
        pgwake = Pgwake.start(Map.of("main", main.hostPort(), "feature-x", feature.hostPort()),
                "routing:\n  sni_suffix: db.test\n");
    }

    @AfterAll
    static void stop() {
        if (pgwake != null) {
            pgwake.close();
        }
    }

    @Test
    void noBranchNamedGoesToTheDefaultBranch() throws SQLException {
        try (Connection connection = pgwake.connect(plain())) {
            assertEquals(Integer.toString(mainPort), Sql.one(connection, "select inet_server_port()"));
        }
    }

    @Test
    void optionsBranchWordRoutes() throws SQLException {
        Properties properties = plain();
        properties.setProperty("options", "branch=feature-x");
        try (Connection connection = pgwake.connect(properties)) {
            assertEquals(Integer.toString(featurePort), Sql.one(connection, "select inet_server_port()"));
        }
    }

    @Test
    void optionsLongBranchSwitchRoutesAndTheOtherOptionsReachTheServer() throws SQLException {
        Properties properties = plain();
        properties.setProperty("options", "--branch=feature-x -c search_path=foo");
        try (Connection connection = pgwake.connect(properties)) {
            assertEquals(Integer.toString(featurePort), Sql.one(connection, "select inet_server_port()"));
            assertEquals("foo", Sql.one(connection, "show search_path"));
        }
    }

    @Test
    void databaseSuffixRoutesAndTheServerSeesTheDatabaseWithoutIt() throws SQLException {
        try (Connection connection = DriverManager.getConnection(pgwake.url("postgres%40feature-x"), plain())) {
            assertEquals(Integer.toString(featurePort), Sql.one(connection, "select inet_server_port()"));
            assertEquals("postgres", Sql.one(connection, "select current_database()"));
        }
    }

    @Test
    void tlsServerNameRoutes() throws SQLException {
        try (Connection connection = pgwake.connect(TestSslFactory.tls(plain(), "feature-x.db.test", null))) {
            assertEquals(Integer.toString(featurePort), Sql.one(connection, "select inet_server_port()"));
        }
    }

    @Test
    void tlsServerNameOutsideTheSuffixIsIgnored() throws SQLException {
        try (Connection connection = pgwake.connect(TestSslFactory.tls(plain(), "feature-x.elsewhere.test", null))) {
            assertEquals(Integer.toString(mainPort), Sql.one(connection, "select inet_server_port()"));
        }
    }

    @Test
    void serverNameAndOptionsNamingDifferentBranchesAreRefusedWith08004() {
        Properties properties = TestSslFactory.tls(plain(), "main.db.test", null);
        properties.setProperty("options", "branch=feature-x");
        SQLException e = assertThrows(SQLException.class, () -> pgwake.connect(properties).close());
        assertEquals("08004", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("conflicting branch names"), e.getMessage());
    }

    @Test
    void invalidBranchNameIsRefusedWith3D000() {
        Properties properties = plain();
        properties.setProperty("options", "branch=Feature_X!");
        SQLException e = assertThrows(SQLException.class, () -> pgwake.connect(properties).close());
        assertEquals("3D000", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("invalid branch name"), e.getMessage());
    }

    @Test
    void unknownBranchIsRefusedWith3D000NamingTheBranch() {
        Properties properties = plain();
        properties.setProperty("options", "branch=no-such-branch");
        SQLException e = assertThrows(SQLException.class, () -> pgwake.connect(properties).close());
        assertEquals("3D000", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("\"no-such-branch\" does not exist"), e.getMessage());
    }

    private static Properties plain() {
        return Pgwake.properties(PostgresFixture.SUPERUSER, null);
    }
}
