package dev.pgwake.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code http:} and {@code shutdown_timeout}, read as the loader reads the whole file. */
class HttpConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    private ProxyConfig parse(String yaml) {
        return loader.parse(yaml, "test.yaml");
    }

    private ConfigException refused(String yaml, String... mentions) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
        for (String part : mentions) {
            assertTrue(e.getMessage().contains(part), "expected \"" + part + "\" in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void defaultsAreLoopback8432WithoutTokenAnd30sToShutDown() {
        ProxyConfig config = parse("");

        assertEquals(new HostPort("127.0.0.1", 8432), config.http().listen());
        assertTrue(config.http().enabled());
        assertNull(config.http().token());
        assertFalse(config.http().requiresToken());
        assertEquals(Duration.ofSeconds(30), config.shutdownTimeout());
        assertEquals(config.http(), parse("http: {}\n").http());
    }

    @Test
    void everyKeyIsRead() {
        ProxyConfig config = parse("http:\n  listen: '[::1]:9000'\n  enabled: false\n  token: abc\nshutdown_timeout: 5s\n");

        assertEquals(new HostPort("::1", 9000), config.http().listen());
        assertFalse(config.http().enabled());
        assertEquals("abc", config.http().token());
        assertEquals(Duration.ofSeconds(5), config.shutdownTimeout());
        assertEquals(Duration.ZERO, parse("shutdown_timeout: 'off'\n").shutdownTimeout(), "off: close at once");
    }

    @Test
    void aListenerOffLoopbackNeedsAToken() {
        refused("http: {listen: '0.0.0.0:8432'}\n", "http.listen", "0.0.0.0:8432", "http.token", "loopback");

        HttpConfig guarded = parse("http: {listen: '0.0.0.0:8432', token: s3cret}\n").http();
        assertTrue(guarded.requiresToken());
        assertFalse(parse("http: {listen: '0.0.0.0:8432', enabled: false}\n").http().enabled(),
                "a listener that is off needs no token");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"''", "'   '"})
    void anEmptyTokenIsRefused(String token) {
        refused("http: {token: " + token + "}\n", "http.token", "empty");
    }

    @Test
    void unknownKeysAndBadValuesNameTheKey() {
        refused("http: {port: 8432}\n", "'http.port'", "listen", "token", "enabled");
        refused("http: {listen: nowhere}\n", "http.listen", "nowhere");
        refused("http: {enabled: maybe}\n", "http.enabled");
        refused("shutdown_timeout: soon\n", "shutdown_timeout", "soon");
    }

    @Test
    void theTokenNeverShowsInToString() {
        HttpConfig config = parse("http: {token: do-not-print}\n").http();

        assertFalse(config.toString().contains("do-not-print"), config.toString());
        assertFalse(parse("http: {token: do-not-print}\n").toString().contains("do-not-print"));
    }
}
