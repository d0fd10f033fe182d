package dev.pgwake.proxy.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One-value queries and plain statements over pgjdbc, the shape most checks take. */
public final class Sql {
    private Sql() {
    }

    /** The first column of the first row of {@code sql}, as text; fails if there is no row. */
    public static String one(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), sql + " returned no row");
            return rows.getString(1);
        }
    }

    public static long count(Connection connection, String sql) throws SQLException {
        return Long.parseLong(one(connection, sql));
    }

    public static int integer(Connection connection, String sql) throws SQLException {
        return Integer.parseInt(one(connection, sql));
    }

    /** The server backend that runs this client's statement now: {@code pg_backend_pid()}. */
    public static int backendPid(Connection connection) throws SQLException {
        return integer(connection, "select pg_backend_pid()");
    }

    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
