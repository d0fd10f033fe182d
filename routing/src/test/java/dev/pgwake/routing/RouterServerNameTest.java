package dev.pgwake.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouterServerNameTest {

    static Stream<Arguments> withoutSuffix() {
        return Stream.of(
                Arguments.of("feature-x.example.com", "feature-x"),
                Arguments.of("Feature-X.Example.COM", "feature-x"),
                Arguments.of("dev.local", "dev"),
                Arguments.of("a.b.c.d.e", "a"),
                Arguments.of("feature.example.com.", "feature"),
                Arguments.of("123.example.com", "123"),
                Arguments.of("xn--bcher-kva.example", "xn--bcher-kva"));
    }

    @ParameterizedTest
    @MethodSource("withoutSuffix")
    void takesFirstLabelOfAnyDottedHostName(String hostName, String branch) {
        Route route = Startup.with("user", "alice").sni(hostName).route();
        assertEquals(BranchName.of(branch), route.branch());
        assertEquals(BranchSource.SNI, route.source());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "localhost.", "", ".", "10.1.2.3", "127.0.0.1", "127.1",
            "255.255.255.255", "::1", "[::1]", "2001:db8::1", "fe80::1%eth0", "::ffff:10.0.0.1", "[2001:db8::1]"})
    void ignoresIpLiteralsAndUndottedNames(String hostName) {
        Route route = Startup.with("user", "alice").sni(hostName).route();
        assertEquals(BranchSource.DEFAULT, route.source());
        assertEquals(Startup.MAIN, route.branch());
    }

    static Stream<Arguments> withSuffix() {
        return Stream.of(
                Arguments.of("feature-x.db.example.com", "feature-x"),
                Arguments.of("FEATURE-X.DB.Example.Com", "feature-x"),
                Arguments.of("a.b.db.example.com", "a"),
                Arguments.of("main.db.example.com.", "main"));
    }

    @ParameterizedTest
    @MethodSource("withSuffix")
    void takesFirstLabelUnderTheSuffix(String hostName, String branch) {
        Route route = Startup.with("user", "alice").sni(hostName).routeWith(Startup.SUFFIXED_SNI);
        assertEquals(BranchName.of(branch), route.branch());
        assertEquals(BranchSource.SNI, route.source());
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.example.com", "feature.example.com", "feature.xdb.example.com",
            "feature.db.example.com.evil.org", "feature.db.example.org", "localhost", "10.0.0.1", "::1"})
    void ignoresHostNamesOutsideTheSuffix(String hostName) {
        Route route = Startup.with("user", "alice").sni(hostName).routeWith(Startup.SUFFIXED_SNI);
        assertEquals(BranchSource.DEFAULT, route.source());
        assertEquals(Startup.MAIN, route.branch());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DB.Example.COM", ".db.example.com", "db.example.com.", " db.example.com "})
    void normalisesTheConfiguredSuffix(String suffix) {
        Router router = new Router(Startup.MAIN, Optional.of(suffix));
        Route route = Startup.with("user", "alice").sni("dev.db.example.com").routeWith(router);
        assertEquals(BranchName.of("dev"), route.branch());
        assertEquals(BranchSource.DEFAULT,
                Startup.with("user", "alice").sni("dev.other.com").routeWith(router).source());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", ".."})
    void refusesABlankSuffix(String suffix) {
        assertThrows(IllegalArgumentException.class, () -> new Router(Startup.MAIN, Optional.of(suffix)));
    }

    static Stream<Arguments> invalidLabels() {
        return Stream.of(
                Arguments.of("feature!.example.com", "feature!"),
                Arguments.of(".example.com", ""),
                Arguments.of("-x.example.com", "-x"),
                Arguments.of("_x.example.com", "_x"),
                Arguments.of("caf\u00e9.example.com", "caf\u00e9"));
    }

    @ParameterizedTest
    @MethodSource("invalidLabels")
    void rejectsAnInvalidLabel(String hostName, String label) {
        Reject reject = Startup.with("user", "alice").sni(hostName).reject();
        assertEquals("3D000", reject.sqlState());
        assertEquals("invalid branch name \"" + label + "\" in the TLS server name: " + BranchName.RULE,
                reject.message());
    }

    @Test
    void leavesForwardedParametersAlone() {
        Route route = Startup.with("user", "alice", "database", "app", "options", "-c a=1")
                .sni("dev.example.com").route();
        assertEquals(Map.of("user", "alice", "database", "app", "options", "-c a=1"), route.forwardedParameters());
    }
}
