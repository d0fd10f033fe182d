package dev.pgwake.proxy.it.pool;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * The admin console of a pgwake (database {@code pgwake}) over pgjdbc in simple query mode, as the trusted default
 * admin {@code postgres}; each result row is a map from column name to text (null for SQL NULL).
 */
final class Console implements AutoCloseable {
    private final Connection connection;

    private Console(Connection connection) {
        this.connection = connection;
    }

    static Console open(int port) throws SQLException {
        return open(port, PostgresFixture.SUPERUSER);
    }

    static Console open(int port, String user) throws SQLException {
        Properties properties = PoolingPgwake.properties(user);
        properties.setProperty("preferQueryMode", "simple");
        return new Console(DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/pgwake", properties));
    }

    List<Map<String, String>> rows(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<Map<String, String>> all = new ArrayList<>();
            while (rows.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), rows.getString(i));
                }
                all.add(row);
            }
            return all;
        }
    }

    /** The rows of {@code sql} whose {@code column} is {@code value}. */
    List<Map<String, String>> rows(String sql, String column, String value) throws SQLException {
        Predicate<Map<String, String>> matches = row -> value.equals(row.get(column));
        return rows(sql).stream().filter(matches).toList();
    }

    /** The one row of SHOW POOLS for {@code database}; fails unless there is exactly one. */
    Map<String, String> pool(String database) throws SQLException {
        List<Map<String, String>> pools = rows("SHOW POOLS", "database", database);
        if (pools.size() != 1) {
            throw new AssertionError("expected one pool of " + database + ", got " + pools);
        }
        return pools.get(0);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
