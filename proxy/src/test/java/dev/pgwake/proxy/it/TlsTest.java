package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** TLS between client and pgwake (SSLRequest, pgwake's self-signed certificate) under each {@code tls.mode}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class TlsTest {

    @Test
    void allowServesTlsClientsOverTls() throws SQLException {
        String recordAs = UUID.randomUUID().toString();
        try (Pgwake pgwake = Pgwake.start("tls:\n  mode: allow\n");
             Connection connection = pgwake.connect(TestSslFactory.tls(plain(), null, recordAs))) {
            assertEquals("1", Sql.one(connection, "select 1"));
            List<String> handshakes = TestSslFactory.handshakes(recordAs);
            assertEquals(1, handshakes.size(), handshakes.toString());
            assertTrue(handshakes.get(0).startsWith("TLSv1."), handshakes.toString());
        }
    }

    @Test
    void allowAlsoServesPlaintextClients() throws SQLException {
        try (Pgwake pgwake = Pgwake.start("tls:\n  mode: allow\n");
             Connection connection = pgwake.connect(plain())) {
            assertEquals("1", Sql.one(connection, "select 1"));
        }
    }

    @Test
    void offRefusesSslRequestSoSslmodeRequireFails() throws SQLException {
        try (Pgwake pgwake = Pgwake.start("tls:\n  mode: off\n")) {
            SQLException e = assertThrows(SQLException.class,
                    () -> pgwake.connect(TestSslFactory.tls(plain(), null, null)).close());
            assertTrue(e.getMessage().contains("does not support SSL"), e.getMessage());
            try (Connection connection = pgwake.connect(plain())) {
                assertEquals("1", Sql.one(connection, "select 1"));
            }
        }
    }

    @Test
    void requireRefusesPlaintextWith28000AndServesTls() throws SQLException {
        try (Pgwake pgwake = Pgwake.start("tls:\n  mode: require\n")) {
            SQLException e = assertThrows(SQLException.class, () -> pgwake.connect(plain()).close());
            assertEquals("28000", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("sslmode=require"), e.getMessage());

            String recordAs = UUID.randomUUID().toString();
            try (Connection connection = pgwake.connect(TestSslFactory.tls(plain(), null, recordAs))) {
                assertEquals("1", Sql.one(connection, "select 1"));
                assertEquals(1, TestSslFactory.handshakes(recordAs).size());
            }
        }
    }

    @Test
    void manyRowsAndALargeValueCrossTlsIntact() throws Exception {
        try (Pgwake pgwake = Pgwake.start("");
             Connection connection = pgwake.connect(TestSslFactory.tls(plain(), null, null));
             Statement statement = connection.createStatement()) {
            int rows = 0;
            try (ResultSet result = statement.executeQuery("select g, md5(g::text) from generate_series(1, 50000) g")) {
                while (result.next()) {
                    rows++;
                    assertEquals(md5Hex(Integer.toString(result.getInt(1))), result.getString(2));
                }
            }
            assertEquals(50_000, rows);
            String large = Sql.one(connection, "select string_agg(md5(g::text), '') from generate_series(1, 40000) g");
            assertEquals(40_000 * 32, large.length());
            assertEquals(md5Hex(large), Sql.one(connection,
                    "select md5(string_agg(md5(g::text), '')) from generate_series(1, 40000) g"));
        }
    }

    private static String md5Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Properties plain() {
        return Pgwake.properties(PostgresFixture.SUPERUSER, null);
    }
}
