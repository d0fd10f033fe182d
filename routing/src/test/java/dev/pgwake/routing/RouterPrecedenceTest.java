package dev.pgwake.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouterPrecedenceTest {

    @Test
    void usesTheDefaultWhenNothingNamesABranch() {
        Route route = Startup.with("user", "alice", "database", "app", "options", "-c a=1").route();
        assertEquals(Startup.MAIN, route.branch());
        assertEquals(BranchSource.DEFAULT, route.source());
    }

    @Test
    void usesTheConfiguredDefault() {
        Router router = new Router(BranchName.of("staging"), Optional.empty());
        assertEquals(BranchName.of("staging"), Startup.with("user", "alice").routeWith(router).branch());
    }

    static Stream<Arguments> agreeing() {
        return Stream.of(
                Arguments.of("branch=dev", "dev.example.com", "app", BranchSource.OPTIONS),
                Arguments.of("branch=dev", "localhost", "app@dev", BranchSource.OPTIONS),
                Arguments.of("branch=dev", "dev.example.com", "app@dev", BranchSource.OPTIONS),
                Arguments.of("-c a=1", "dev.example.com", "app@dev", BranchSource.SNI),
                Arguments.of("-c a=1", "10.0.0.1", "app@dev", BranchSource.DATABASE_SUFFIX),
                Arguments.of("-c a=1", "Dev.Example.com", "app@dev", BranchSource.SNI));
    }

    @ParameterizedTest
    @MethodSource("agreeing")
    void agreeingSourcesRouteByTheHighestPrecedence(String options, String sni, String database, BranchSource source) {
        Route route = Startup.with("user", "alice", "database", database, "options", options).sni(sni).route();
        assertEquals(BranchName.of("dev"), route.branch());
        assertEquals(source, route.source());
        assertEquals("app", route.database());
    }

    @Test
    void stripsEveryRoutingTokenWhenSourcesAgree() {
        Route route = Startup.with("user", "alice", "database", "app@dev", "options", "branch=dev")
                .sni("dev.example.com").route();
        assertEquals(Map.of("user", "alice", "database", "app"), route.forwardedParameters());
    }

    static Stream<Arguments> conflicting() {
        return Stream.of(
                Arguments.of("branch=b", "a.example.com", "app",
                        "options say \"b\" but the TLS server name says \"a\""),
                Arguments.of("branch=b", "localhost", "app@c",
                        "options say \"b\" but the database name says \"c\""),
                Arguments.of("-c x=1", "a.example.com", "app@c",
                        "the TLS server name says \"a\" but the database name says \"c\""),
                Arguments.of("branch=b", "a.example.com", "app@b",
                        "options say \"b\" but the TLS server name says \"a\""),
                Arguments.of("branch=b", "b.example.com", "app@c",
                        "options say \"b\" but the database name says \"c\""),
                Arguments.of("branch=b branch=b", "b.example.com", "app@c",
                        "options say \"b\" but the database name says \"c\""));
    }

    @ParameterizedTest
    @MethodSource("conflicting")
    void rejectsDisagreeingSources(String options, String sni, String database, String detail) {
        Startup.with("user", "alice", "database", database, "options", options).sni(sni)
                .assertRejected("08004", "conflicting branch names: " + detail);
    }

    @Test
    void ignoredServerNamesCannotConflict() {
        Route route = Startup.with("user", "alice", "options", "branch=b")
                .sni("a.example.com").routeWith(Startup.SUFFIXED_SNI);
        assertEquals(BranchName.of("b"), route.branch());
        assertEquals(BranchSource.OPTIONS, route.source());
    }

    @Test
    void anInvalidNameIsReportedBeforeAConflict() {
        Reject reject = Startup.with("user", "alice", "database", "app@b", "options", "branch=a")
                .sni("Bad!.example.com").reject();
        assertEquals("3D000", reject.sqlState());
        assertEquals("invalid branch name \"bad!\" in the TLS server name: " + BranchName.RULE, reject.message());
    }

    @Test
    void anInvalidLowerPrecedenceNameIsRejectedEvenWhenAHigherOneIsValid() {
        Reject reject = Startup.with("user", "alice", "database", "app@B!", "options", "branch=a").reject();
        assertEquals("3D000", reject.sqlState());
        assertFalse(reject.message().contains("conflicting"), reject.message());
    }
}
