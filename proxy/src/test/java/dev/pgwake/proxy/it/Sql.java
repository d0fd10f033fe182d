package dev.pgwake.proxy.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One-value queries, the shape most checks here take. */
final class Sql {
    private Sql() {
    }

    /** The first column of the first row of {@code sql}, as text; fails if there is no row. */
    static String one(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), sql + " returned no row");
            return rows.getString(1);
        }
    }

    static long count(Connection connection, String sql) throws SQLException {
        return Long.parseLong(one(connection, sql));
    }
}
