package dev.pgwake.proxy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.Main;
import dev.pgwake.proxy.ProxyServer;
import dev.pgwake.proxy.config.ConfigLoader;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.testing.PostgresFixture;
import dev.pgwake.proxy.testing.Sql;
import dev.pgwake.proxy.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS from pgwake to the servers ({@code server.tls_mode}), against a real PostgreSQL that takes TCP connections over
 * TLS only and one without TLS: each mode uses TLS where it should (the server's pg_stat_ssl says so), refuses what
 * it must, and a client hears why.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ServerTlsTest {
    private static final String SSL_IN_USE = "select ssl from pg_stat_ssl where pid = pg_backend_pid()";

    @Test
    void verifyFullReachesAServerWhoseCertificateNamesItsHost(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), PostgresFixture.tlsCertificatePem());
        try (Pgwake pgwake = Pgwake.start(Map.of("main", PostgresFixture.tls().hostPort()),
                "server: {tls_mode: verify-full, tls_ca_file: '" + ca + "'}\n");
             Connection client = pgwake.connect()) {
            assertEquals("t", Sql.one(client, SSL_IN_USE));
            assertEquals("1", Sql.one(client, "select 1"));
            assertEquals(3_000_000, Sql.one(client, "select repeat('x', 3000000)").length(), "a value of many TLS records");
            try (Statement statement = client.createStatement();
                 ResultSet rows = statement.executeQuery("select g from generate_series(1, 100000) g")) {
                long sum = 0;
                while (rows.next()) {
                    sum += rows.getLong(1);
                }
                assertEquals(5_000_050_000L, sum, "every row of many");
            }
        }
    }

    @Test
    void preferUsesTlsWhereTheServerOffersItAndPlaintextWhereNot() throws Exception {
        try (Pgwake pgwake = Pgwake.start(Map.of("main", PostgresFixture.tls().hostPort(),
                "plain", PostgresFixture.shared().hostPort()), "server: {tls_mode: prefer}\n");
             Connection overTls = pgwake.connect("main"); Connection plaintext = pgwake.connect("plain")) {
            assertEquals("t", Sql.one(overTls, SSL_IN_USE));
            assertEquals("f", Sql.one(plaintext, SSL_IN_USE));
        }
    }

    @Test
    void requireRefusesAServerWithoutTls() throws Exception {
        try (Pgwake pgwake = Pgwake.start(Map.of("main", PostgresFixture.shared().hostPort()),
                "server: {tls_mode: require}\n")) {
            SQLException refused = assertThrows(SQLException.class, () -> pgwake.connect().close());
            assertTrue(refused.getMessage().contains("does not accept TLS connections (server.tls_mode require)"),
                    refused.getMessage());
        }
    }

    @Test
    void verifyCaRefusesACertificateFromAnotherCa(@TempDir Path dir) throws Exception {
        Path stranger = Files.writeString(dir.resolve("other-ca.crt"),
                TestCertificates.selfSigned("another CA", "localhost", "127.0.0.1").certificatePem());
        try (Pgwake pgwake = Pgwake.start(Map.of("main", PostgresFixture.tls().hostPort()),
                "server: {tls_mode: verify-ca, tls_ca_file: '" + stranger + "'}\n")) {
            SQLException refused = assertThrows(SQLException.class, () -> pgwake.connect().close());
            assertTrue(refused.getMessage().contains("TLS with server 127.0.0.1:" + PostgresFixture.tls().port()
                    + " failed"), refused.getMessage());
        }
    }

    @Test
    void aReloadTurnsServerTlsOnForServerConnectionsOpenedAfterIt(@TempDir Path dir) throws Exception {
        String yaml = "listen: 127.0.0.1:0\nhttp: {listen: '127.0.0.1:0'}\n"
                + "driver: {kind: static, branches: {main: '" + PostgresFixture.tls().hostPort() + "'}}\n";
        Path file = Files.writeString(dir.resolve("pgwake.yaml"), yaml);
        ProxyConfig config = new ConfigLoader().load(file);
        try (ProxyServer proxy = new ProxyServer(config, Main.driver(config.driver(), config.routing().defaultBranch()),
                () -> new ConfigLoader().load(file))) {
            int port = proxy.start().getPort();
            Properties client = Pgwake.properties(PostgresFixture.SUPERUSER, null);
            SQLException plaintext = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres", client).close());
            assertTrue(plaintext.getMessage().contains("no encryption"), plaintext.getMessage());

            Files.writeString(file, yaml + "server: {tls_mode: require}\n");
            Properties console = Pgwake.properties(PostgresFixture.SUPERUSER, null);
            console.setProperty("preferQueryMode", "simple");
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/pgwake", console);
                 Statement statement = admin.createStatement(); ResultSet rows = statement.executeQuery("RELOAD")) {
                assertTrue(rows.next());
                assertEquals("server.tls_mode", rows.getString("key"));
                assertEquals("applied to new server connections", rows.getString("status"));
            }
            try (Connection overTls = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    client)) {
                assertEquals("t", Sql.one(overTls, SSL_IN_USE));
            }
        }
    }

    @Test
    void aClientCertificateLogsInWhereTheServerAsksForOne(@TempDir Path dir) throws Exception {
        TestCertificates.Issued client = PostgresFixture.tlsClientCertificate();
        Path cert = Files.writeString(dir.resolve("pgwake.crt"), client.certificatePem());
        Path key = Files.writeString(dir.resolve("pgwake.key"), client.privateKeyPem());
        String server = "server: {tls_mode: require, user: " + PostgresFixture.CERT_USER;
        try (Pgwake pgwake = Pgwake.start(Map.of("main", PostgresFixture.tls().hostPort()),
                server + ", tls_cert_file: '" + cert + "', tls_key_file: '" + key + "'}\n");
             Connection viaCertificate = pgwake.connect()) {
            assertEquals(PostgresFixture.CERT_USER, Sql.one(viaCertificate, "select current_user"));
            assertEquals("t", Sql.one(viaCertificate, SSL_IN_USE));
        }
        try (Pgwake pgwake = Pgwake.start(Map.of("main", PostgresFixture.tls().hostPort()), server + "}\n")) {
            SQLException refused = assertThrows(SQLException.class, () -> pgwake.connect().close());
            assertTrue(refused.getMessage().contains("certificate"), refused.getMessage());
        }
    }

    @Test
    void withoutServerTlsATlsOnlyServerRefusesPgwake() throws Exception {
        try (Pgwake pgwake = Pgwake.start(Map.of("main", PostgresFixture.tls().hostPort()), "")) {
            SQLException refused = assertThrows(SQLException.class, () -> pgwake.connect().close());
            assertTrue(refused.getMessage().contains("no encryption"), refused.getMessage());
        }
    }
}
