package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Queries through pgwake: simple and extended protocol, large results and values, errors, transactions. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class QueryRelayTest {
    private static final int ONE_MEGABYTE = 1 << 20;
    @RegisterExtension
    static final PgwakePerClass pgwake = new PgwakePerClass("");

    @Test
    void simpleQueryProtocolWithSeveralStatementsInOneQuery() throws SQLException {
        Properties properties = Pgwake.properties(PostgresFixture.SUPERUSER, null);
        properties.setProperty("preferQueryMode", "simple");
        try (Connection connection = pgwake.connect(properties); Statement statement = connection.createStatement()) {
            assertTrue(statement.execute("select 1 as a; select 'two' as b, null as c"));
            try (ResultSet first = statement.getResultSet()) {
                assertTrue(first.next());
                assertEquals(1, first.getInt("a"));
            }
            assertTrue(statement.getMoreResults());
            try (ResultSet second = statement.getResultSet()) {
                assertTrue(second.next());
                assertEquals("two", second.getString("b"));
                assertEquals(null, second.getString("c"));
                assertFalse(second.next());
            }
        }
    }

    @Test
    void extendedProtocolWithParametersAndServerPreparedStatements() throws SQLException {
        Properties properties = Pgwake.properties(PostgresFixture.SUPERUSER, null);
        properties.setProperty("prepareThreshold", "1");
        try (Connection connection = pgwake.connect(properties);
             PreparedStatement statement = connection.prepareStatement(
                     "select ?::int * 2, reverse(?::text), ?::numeric + 1")) {
            for (int i = 0; i < 5; i++) {
                statement.setInt(1, i);
                statement.setString(2, "value " + i + " \u00e9\u00df\u4e2d");
                statement.setBigDecimal(3, new BigDecimal("12345678901234567890.5"));
                try (ResultSet rows = statement.executeQuery()) {
                    assertTrue(rows.next());
                    assertEquals(i * 2, rows.getInt(1));
                    assertEquals("\u4e2d\u00df\u00e9 " + i + " eulav", rows.getString(2));
                    assertEquals("12345678901234567891.5", rows.getString(3));
                }
            }
        }
    }

    @Test
    void manyRowsArriveInOrderAndComplete() throws SQLException {
        try (Connection connection = pgwake.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select g, repeat('r', g % 100) from generate_series(1, 200000) g")) {
            int expected = 0;
            while (rows.next()) {
                expected++;
                assertEquals(expected, rows.getInt(1));
                assertEquals(expected % 100, rows.getString(2).length());
            }
            assertEquals(200_000, expected);
        }
    }

    @Test
    void megabyteValuesGoBothWaysIntact() throws Exception {
        String large = randomText(ONE_MEGABYTE);
        try (Connection connection = pgwake.connect();
             PreparedStatement echo = connection.prepareStatement(
                     "select t, md5(t), length(t) from (select ?::text as t) v")) {
            echo.setString(1, large);
            try (ResultSet rows = echo.executeQuery()) {
                assertTrue(rows.next());
                assertEquals(large, rows.getString(1));
                assertEquals(ONE_MEGABYTE, rows.getInt(3));
                assertEquals(md5Hex(large), rows.getString(2));
            }
            assertEquals(ONE_MEGABYTE, Sql.one(connection, "select repeat('x', " + ONE_MEGABYTE + ")").length());
        }
    }

    @Test
    void divisionByZeroIs22012AndTheConnectionStaysUsable() throws SQLException {
        try (Connection connection = pgwake.connect(); Statement statement = connection.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> statement.executeQuery("select 1/0"));
            assertEquals("22012", e.getSQLState(), e.getMessage());
            assertEquals("42", Sql.one(connection, "select 42"));
            e = assertThrows(SQLException.class, () -> statement.executeQuery("select * from no_such_table_here"));
            assertEquals("42P01", e.getSQLState(), e.getMessage());
            assertEquals("43", Sql.one(connection, "select 43"));
        }
    }

    @Test
    void commitIsVisibleToOthersAndRollbackIsNot() throws SQLException {
        String table = "it_tx_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection direct = PostgresFixture.shared().connect(); Connection connection = pgwake.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("create table " + table + " (v text)");
            try {
                connection.setAutoCommit(false);
                statement.execute("insert into " + table + " values ('rolled back')");
                assertEquals("1", Sql.one(connection, "select count(*) from " + table));
                connection.rollback();
                statement.execute("insert into " + table + " values ('committed')");
                assertEquals(0, Sql.count(direct, "select count(*) from " + table), "uncommitted row visible");
                connection.commit();
                assertEquals("committed", Sql.one(direct, "select string_agg(v, ',') from " + table));
                statement.execute("insert into " + table + " values ('failed')");
                assertThrows(SQLException.class, () -> statement.execute("select 1/0"));
                SQLException aborted = assertThrows(SQLException.class, () -> statement.execute("select 1"));
                assertEquals("25P02", aborted.getSQLState(), aborted.getMessage());
                connection.rollback();
            } finally {
                connection.setAutoCommit(true);
                statement.execute("drop table " + table);
            }
        }
    }

    private static String randomText(int length) {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static String md5Hex(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
