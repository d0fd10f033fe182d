package dev.pgwake.proxy.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.Main;
import dev.pgwake.proxy.ProxyServer;
import dev.pgwake.proxy.config.ConfigLoader;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.testing.PostgresFixture;
import dev.pgwake.proxy.testing.Sql;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELOAD and client TLS: a certificate renewed under the same file names is shown to clients that connect after
 * the reload (connected ones keep theirs), a certificate that does not load changes nothing, and {@code tls.mode}
 * applies to new clients.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class TlsReloadTest {

    @Test
    void aRenewedCertificateReachesNewClientsAfterAReload(@TempDir Path dir) throws Exception {
        SelfSignedCertificate first = new SelfSignedCertificate("first.pgwake.test");
        SelfSignedCertificate second = new SelfSignedCertificate("second.pgwake.test");
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        install(first, cert, key);
        Path file = Files.writeString(dir.resolve("pgwake.yaml"), yaml("allow", cert, key));
        ProxyConfig config = new ConfigLoader().load(file);
        try (ProxyServer proxy = new ProxyServer(config, Main.driver(config.driver(), config.routing().defaultBranch()),
                () -> new ConfigLoader().load(file))) {
            int port = proxy.start().getPort();
            String before = UUID.randomUUID().toString();
            try (Connection early = connect(port, TestSslFactory.tls(plain(), null, before))) {
                assertArrayEquals(first.cert().getEncoded(), TestSslFactory.serverCertificate(before).getEncoded());

                install(second, cert, key);
                Map<String, Map<String, String>> changes = reload(port);
                Map<String, String> row = changes.get("tls.cert_file (contents)");
                assertEquals("read again", row.get("status"), changes.toString());
                assertTrue(row.get("new_value").startsWith("valid until "), row.toString());

                String after = UUID.randomUUID().toString();
                try (Connection late = connect(port, TestSslFactory.tls(plain(), null, after))) {
                    assertEquals("1", Sql.one(late, "select 1"));
                    assertArrayEquals(second.cert().getEncoded(), TestSslFactory.serverCertificate(after).getEncoded());
                }
                assertEquals("1", Sql.one(early, "select 1"), "a client connected before the reload keeps its TLS");

                Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n");
                SQLException refused = assertThrows(SQLException.class, () -> reload(port));
                assertEquals("F0000", refused.getSQLState(), refused.getMessage());
                String still = UUID.randomUUID().toString();
                try (Connection unchanged = connect(port, TestSslFactory.tls(plain(), null, still))) {
                    assertEquals("1", Sql.one(unchanged, "select 1"));
                    assertArrayEquals(second.cert().getEncoded(), TestSslFactory.serverCertificate(still).getEncoded(),
                            "a certificate that does not load changes nothing");
                }

                install(second, cert, key);
                Files.writeString(file, yaml("off", cert, key));
                assertEquals("applied to new clients", reload(port).get("tls.mode").get("status"));
                assertThrows(SQLException.class, () -> connect(port, TestSslFactory.tls(plain(), null, null)).close(),
                        "tls.mode off: SSLRequest refused");
                try (Connection plaintext = connect(port, plain())) {
                    assertEquals("1", Sql.one(plaintext, "select 1"));
                }
                assertEquals("1", Sql.one(early, "select 1"));
            }
        } finally {
            first.delete();
            second.delete();
        }
    }

    private static String yaml(String mode, Path cert, Path key) {
        return "listen: 127.0.0.1:0\nhttp: {listen: '127.0.0.1:0'}\n"
                + "driver: {kind: static, branches: {main: '" + PostgresFixture.shared().hostPort() + "'}}\n"
                + "tls: {mode: " + mode + ", cert_file: '" + cert + "', key_file: '" + key + "'}\n";
    }

    /** Puts the certificate and key in place under the names the configuration gives, as a renewal does. */
    private static void install(SelfSignedCertificate certificate, Path cert, Path key) throws Exception {
        Files.copy(certificate.certificate().toPath(), cert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(certificate.privateKey().toPath(), key, StandardCopyOption.REPLACE_EXISTING);
    }

    /** RELOAD on the console; its rows by key. */
    private static Map<String, Map<String, String>> reload(int port) throws SQLException {
        Properties properties = plain();
        properties.setProperty("preferQueryMode", "simple");
        Map<String, Map<String, String>> rows = new HashMap<>();
        try (Connection console = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/pgwake",
                properties); Statement s = console.createStatement(); ResultSet rs = s.executeQuery("RELOAD")) {
            while (rs.next()) {
                rows.put(rs.getString("key"), Map.of("status", rs.getString("status"),
                        "new_value", String.valueOf(rs.getString("new_value"))));
            }
        }
        return rows;
    }

    private static Connection connect(int port, Properties properties) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties);
    }

    private static Properties plain() {
        return Pgwake.properties(PostgresFixture.SUPERUSER, null);
    }
}
