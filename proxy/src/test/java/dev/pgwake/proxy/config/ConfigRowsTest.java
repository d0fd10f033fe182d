package dev.pgwake.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration as SHOW CONFIG prints it and RELOAD compares it: keys as written in YAML, secrets redacted. */
class ConfigRowsTest {
    private static Map<String, String> rows(String yaml) {
        return ConfigRows.of(new ConfigLoader().parse(yaml, "test.yaml"));
    }

    @Test
    void keysAreTheYamlKeysAndValuesReadAsWritten() {
        Map<String, String> rows = rows("listen: 127.0.0.1:7432\nmax_frame_size: 1MB\ntls: {mode: require}\n"
                + "lifecycle: {idle_after: 250ms, suspend_after: 90s, archive_after: 'off'}\n"
                + "driver: {kind: static, branches: {main: '10.0.0.5:5432'}}\n"
                + "pool:\n  pool_size: 7\n  overrides:\n    - {branch: main, user: analyst, pool_mode: session}\n"
                + "admin: {users: [ops, dba]}\n");

        assertEquals("127.0.0.1:7432", rows.get("listen"));
        assertEquals(Long.toString(1L << 20), rows.get("max_frame_size"));
        assertEquals("require", rows.get("tls.mode"));
        assertEquals("250ms", rows.get("lifecycle.idle_after"));
        assertEquals("90s", rows.get("lifecycle.suspend_after"));
        assertEquals("1h", rows.get("lifecycle.stop_after"));
        assertEquals("off", rows.get("lifecycle.archive_after"));
        assertEquals("10.0.0.5:5432", rows.get("driver.branches.main"));
        assertEquals("7", rows.get("pool.pool_size"));
        assertEquals("transaction", rows.get("pool.pool_mode"));
        assertEquals("analyst", rows.get("pool.overrides[0].user"));
        assertEquals("session", rows.get("pool.overrides[0].pool_mode"));
        assertTrue(rows.containsKey("pool.overrides[0].database"));
        assertNull(rows.get("pool.overrides[0].database"));
        assertEquals("ops, dba", rows.get("admin.users"));
        assertEquals("30s", rows.get("shutdown_timeout"));
        assertEquals("listen", rows.keySet().iterator().next(), "in the order of the configuration's sections");
    }

    @Test
    void passwordsTokensAndUrlCredentialsAreRedacted() {
        Map<String, String> rows = rows("http: {token: tok-secret}\n"
                + "server: {password: pw-secret, passwords: {app: app-secret}}\n"
                + "driver: {kind: http, url: 'http://agent:url-secret@control:8080/v1'}\n");

        assertEquals(ConfigRows.REDACTED, rows.get("http.token"));
        assertEquals(ConfigRows.REDACTED, rows.get("server.password"));
        assertEquals(ConfigRows.REDACTED, rows.get("server.passwords.app"));
        assertEquals("http://<redacted>@control:8080/v1", rows.get("driver.url"));
        rows.values().forEach(value -> assertFalse(String.valueOf(value).contains("secret"), rows.toString()));
    }

    @Test
    void absentSecretsAreNullNotRedacted() {
        Map<String, String> rows = rows("");

        assertNull(rows.get("http.token"));
        assertNull(rows.get("server.password"));
        assertTrue(rows.containsKey("server.passwords"));
        assertNull(rows.get("server.passwords"));
    }
}
