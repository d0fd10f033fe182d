package dev.pgwake.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouterDatabaseSuffixTest {

    static Stream<Arguments> suffixes() {
        return Stream.of(
                Arguments.of("appdb@feature", "appdb", "feature"),
                Arguments.of("a@b@c", "a@b", "c"),
                Arguments.of("my db@dev", "my db", "dev"),
                Arguments.of("x@0", "x", "0"),
                Arguments.of("@a@b", "@a", "b"));
    }

    @ParameterizedTest
    @MethodSource("suffixes")
    void splitsAtTheLastAt(String given, String database, String branch) {
        Route route = Startup.with("user", "alice", "database", given).route();
        assertEquals(BranchName.of(branch), route.branch());
        assertEquals(BranchSource.DATABASE_SUFFIX, route.source());
        assertEquals(database, route.database());
        assertEquals(database, route.forwardedParameters().get("database"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"@feature", "@"})
    void rejectsAnEmptyDatabaseBeforeTheAt(String given) {
        Startup.with("user", "alice", "database", given).assertRejected("3D000",
                "database name \"" + given + "\" has no database before the \"@\";"
                        + " write DATABASE@BRANCH, for example appdb@main");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("appdb@", ""),
                Arguments.of("appdb@Feature", "Feature"),
                Arguments.of("appdb@feature.x", "feature.x"),
                Arguments.of("appdb@-x", "-x"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsAnInvalidSuffix(String given, String name) {
        Startup.with("user", "alice", "database", given).assertRejected("3D000",
                "invalid branch name \"" + name + "\" in the database name: " + BranchName.RULE);
    }

    @Test
    void doesNotSplitTheUserNameUsedAsDefaultDatabase() {
        Route route = Startup.with("user", "alice@corp").route();
        assertEquals(BranchSource.DEFAULT, route.source());
        assertEquals("alice@corp", route.database());
        assertEquals("alice@corp", route.forwardedParameters().get("database"));
    }

    @Test
    void keepsADatabaseWithoutAt() {
        Route route = Startup.with("user", "alice", "database", "appdb").route();
        assertEquals(BranchSource.DEFAULT, route.source());
        assertEquals("appdb", route.database());
    }
}
