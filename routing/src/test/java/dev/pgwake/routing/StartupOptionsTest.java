package dev.pgwake.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StartupOptionsTest {

    static Stream<Arguments> splitting() {
        return Stream.of(
                Arguments.of("", List.of()),
                Arguments.of("   \t ", List.of()),
                Arguments.of("-c a=1", List.of("-c", "a=1")),
                Arguments.of("  -c \t a=1  \n\r\f\u000b--b=2 ", List.of("-c", "a=1", "--b=2")),
                Arguments.of("-c search_path=a\\ b", List.of("-c", "search_path=a b")),
                Arguments.of("-c x=a\\\\b", List.of("-c", "x=a\\b")),
                Arguments.of("-c x=a\\\\ b", List.of("-c", "x=a\\", "b")),
                Arguments.of("x=\\a\\b", List.of("x=ab")),
                Arguments.of("x=a\\\tb", List.of("x=a\tb")),
                Arguments.of("a\\", List.of("a")),
                Arguments.of("a \\", List.of("a", "")),
                Arguments.of("\\ ", List.of(" ")));
    }

    @ParameterizedTest
    @MethodSource("splitting")
    void splitsLikePgSplitOpts(String options, List<String> words) {
        assertEquals(words, StartupOptions.split(options));
    }

    static Stream<Arguments> joining() {
        return Stream.of(
                Arguments.of(List.of("-c", "a=1"), "-c a=1"),
                Arguments.of(List.of("-c", "search_path=a b"), "-c search_path=a\\ b"),
                Arguments.of(List.of("-c", "x=a\\b"), "-c x=a\\\\b"),
                Arguments.of(List.of("x=a\tb\nc"), "x=a\\\tb\\\nc"),
                Arguments.of(List.of(), ""));
    }

    @ParameterizedTest
    @MethodSource("joining")
    void joinsWithEscapes(List<String> words, String options) {
        assertEquals(options, StartupOptions.join(words));
        assertEquals(words, StartupOptions.split(options));
    }

    static Stream<Arguments> branchTokens() {
        return Stream.of(
                Arguments.of("branch=x", List.of("x"), Optional.empty()),
                Arguments.of("--branch=x", List.of("x"), Optional.empty()),
                Arguments.of("branch=", List.of(""), Optional.empty()),
                Arguments.of("-c a=1 branch=x --b=2", List.of("x"), Optional.of("-c a=1 --b=2")),
                Arguments.of("branch=x --branch=y branch=x", List.of("x", "y", "x"), Optional.empty()),
                Arguments.of("-c branch=x", List.of(), Optional.of("-c branch=x")),
                Arguments.of("-c --branch=x", List.of(), Optional.of("-c --branch=x")),
                Arguments.of("-B branch=x", List.of(), Optional.of("-B branch=x")),
                Arguments.of("-Ec branch=x", List.of(), Optional.of("-Ec branch=x")),
                Arguments.of("-cbranch=x", List.of(), Optional.of("-cbranch=x")),
                Arguments.of("-c a=1 branch=x", List.of("x"), Optional.of("-c a=1")),
                Arguments.of("-e branch=x", List.of("x"), Optional.of("-e")),
                Arguments.of("-- branch=x", List.of("x"), Optional.of("--")),
                Arguments.of("--branch=x -c", List.of("x"), Optional.of("-c")),
                Arguments.of("Branch=x xbranch=y --branch", List.of(), Optional.of("Branch=x xbranch=y --branch")),
                Arguments.of("branch\\=x", List.of("x"), Optional.empty()),
                Arguments.of("branch=x \\", List.of("x"), Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("branchTokens")
    void takesOutBranchTokensButNotSwitchArguments(String options, List<String> branches, Optional<String> rest) {
        StartupOptions parsed = StartupOptions.parse(options);
        assertEquals(branches, parsed.branchNames());
        assertEquals(rest, parsed.forwarded());
    }

    @Test
    void forwardsOptionsWithoutBranchTokenByteForByte() {
        String options = "  -c\tsearch_path=a\\ b   --x=\\y ";
        assertEquals(Optional.of(options), StartupOptions.parse(options).forwarded());
    }
}
