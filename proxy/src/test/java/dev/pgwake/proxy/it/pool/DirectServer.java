package dev.pgwake.proxy.it.pool;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A fixture cluster as the superuser sees it over a direct connection (not through pgwake): the databases and
 * roles a test class sets up, and the server backends that pgwake's pools hold.
 */
final class DirectServer {
    private static final String BACKENDS = "select pid from pg_stat_activity where datname = ? and usename = ?"
            + " and backend_type = 'client backend' and pid <> pg_backend_pid() order by pid";

    private final PostgresFixture cluster;

    DirectServer(PostgresFixture cluster) {
        this.cluster = cluster;
    }

    static DirectServer shared() {
        return new DirectServer(PostgresFixture.shared());
    }

    static DirectServer second() {
        return new DirectServer(PostgresFixture.second());
    }

    int port() {
        return cluster.port();
    }

    String hostPort() {
        return cluster.hostPort();
    }

    /**
     * Creates {@code database} afresh (dropping one left by an earlier run in this JVM, with its connections) where
     * every role may create objects in schema public.
     */
    void createDatabase(String database) throws SQLException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        }
        execute(database, "grant all on schema public to public");
    }

    /** Creates a login role unless it exists; the fixture clusters trust every role but the password ones. */
    void createRole(String role) throws SQLException {
        execute("postgres", "do $$begin if not exists (select from pg_roles where rolname = "
                + PostgresFixture.literal(role) + ") then create role " + role + " login; end if; end$$");
    }

    /** Runs each statement in {@code database}, in autocommit mode. */
    void execute(String database, String... sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    /** A pgjdbc connection straight to {@code database} as the trusted superuser. */
    Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", PostgresFixture.SUPERUSER);
        properties.setProperty("sslmode", "disable");
        properties.setProperty("gssEncMode", "disable");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        properties.setProperty("ApplicationName", "pgwake-pool-test-direct");
        return DriverManager.getConnection(cluster.jdbcUrl(database), properties);
    }

    /** The pids of the client backends connected to {@code database} as {@code user}, but {@code direct}'s own. */
    static List<Integer> backends(Connection direct, String database, String user) throws SQLException {
        try (PreparedStatement statement = direct.prepareStatement(BACKENDS)) {
            statement.setString(1, database);
            statement.setString(2, user);
            List<Integer> pids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getInt(1));
                }
            }
            return pids;
        }
    }

    /** The number of client backends connected to {@code database} as {@code user}. */
    int backendCount(String database, String user) throws SQLException {
        try (Connection direct = connect("postgres")) {
            return backends(direct, database, user).size();
        }
    }
}
