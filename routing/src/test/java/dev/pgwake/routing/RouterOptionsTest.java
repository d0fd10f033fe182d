package dev.pgwake.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouterOptionsTest {

    private static final String RULE = BranchName.RULE;

    static Stream<Arguments> rewrites() {
        return Stream.of(
                Arguments.of("-c search_path=a\\ b branch=x", "x", "-c search_path=a\\ b"),
                Arguments.of("branch=x -c search_path=a\\ b", "x", "-c search_path=a\\ b"),
                Arguments.of("--branch=x --search_path=y", "x", "--search_path=y"),
                Arguments.of("-csearch_path=x branch=x", "x", "-csearch_path=x"),
                Arguments.of("branch=x -c search_path=a\\\\b", "x", "-c search_path=a\\\\b"),
                Arguments.of("  -c\ta=1 \t branch=x   --work_mem=64MB\t", "x", "-c a=1 --work_mem=64MB"),
                Arguments.of("-c\\ a=1 branch=x", "x", "-c\\ a=1"),
                Arguments.of("-c x=\\q branch=x", "x", "-c x=q"),
                Arguments.of("branch=dev branch=dev -c a=1", "dev", "-c a=1"));
    }

    @ParameterizedTest
    @MethodSource("rewrites")
    void takesBranchFromOptionsAndForwardsTheRest(String options, String branch, String forwarded) {
        Route route = Startup.with("user", "alice", "options", options).route();
        assertEquals(BranchName.of(branch), route.branch());
        assertEquals(BranchSource.OPTIONS, route.source());
        assertEquals(forwarded, route.forwardedParameters().get("options"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"branch=x", "--branch=x", "  branch=x\t", "branch=x --branch=x", "branch=x \\"})
    void removesOptionsWhenOnlyBranchTokensRemain(String options) {
        Route route = Startup.with("user", "alice", "options", options, "application_name", "psql").route();
        assertEquals(BranchName.of("x"), route.branch());
        assertFalse(route.forwardedParameters().containsKey("options"), route.forwardedParameters()::toString);
        assertEquals("psql", route.forwardedParameters().get("application_name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-c search_path=x", "--search_path=x", "-csearch_path=x", "", "   ",
            "-c branch=x", "-c --branch=x", "Branch=x", "branches=x", "  odd\t spacing\\ kept "})
    void forwardsOptionsWithoutBranchTokenUnchanged(String options) {
        Route route = Startup.with("user", "alice", "options", options).route();
        assertEquals(BranchSource.DEFAULT, route.source());
        assertEquals(Startup.MAIN, route.branch());
        assertEquals(options, route.forwardedParameters().get("options"));
    }

    @Test
    void rejectsTwoDifferentBranches() {
        Startup.with("user", "alice", "options", "branch=a -c x=1 --branch=b").assertRejected("08004",
                "conflicting branch names: options name both \"a\" and \"b\"");
    }

    @Test
    void rejectsInvalidBranchWithTheExactMessage() {
        Startup.with("user", "alice", "options", "branch=Foo!").assertRejected("3D000",
                "invalid branch name \"Foo!\" in options: branch names are 1 to 63 characters of lower-case"
                        + " letters, digits, '-' and '_', starting with a letter or digit");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("branch=", ""),
                Arguments.of("--branch=", ""),
                Arguments.of("branch=-x", "-x"),
                Arguments.of("branch=a.b", "a.b"),
                Arguments.of("branch=fe\\ at", "fe at"),
                Arguments.of("branch=" + "a".repeat(64), "a".repeat(64)),
                Arguments.of("branch=ok branch=BAD", "BAD"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsInvalidBranchNames(String options, String name) {
        Startup.with("user", "alice", "options", options).assertRejected("3D000",
                "invalid branch name \"" + name + "\" in options: " + RULE);
    }
}
