package dev.pgwake.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BranchNameTest {

    private static final String RULE = "branch names are 1 to 63 characters of lower-case letters, digits,"
            + " '-' and '_', starting with a letter or digit";

    @ParameterizedTest
    @ValueSource(strings = {"a", "7", "main", "feature-x", "feature_x", "a-", "a_", "0day", "a--b",
            "abcdefghijklmnopqrstuvwxyz0123456789-_abcdefghijklmnopqrstuvwxy"})
    void acceptsValidNames(String raw) {
        assertEquals(Optional.empty(), BranchName.problem(raw));
        assertEquals(raw, BranchName.of(raw).value());
        assertEquals(raw, BranchName.of(raw).toString());
    }

    @Test
    void acceptsExactly63Characters() {
        String name = "a".repeat(63);
        assertEquals(name, BranchName.of(name).value());
    }

    static String[] invalidNames() {
        return new String[] {
            "", "a".repeat(64), "b".repeat(1000), "Main", "mAin", "MAIN", "-main", "_main", "-", "_",
            "feature.x", "a.", "feature x", " main", "main ", "main\n", "main\t", "caf\u00e9", "\u00e9t\u00e9",
            "\u0430bc", "emoji\uD83D\uDE00", "a/b", "a@b", "a=b", "a\\b", "a\"b", "\u0000", "a\u0000",
        };
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void rejectsInvalidNames(String raw) {
        String problem = BranchName.problem(raw).orElseThrow();
        assertTrue(problem.endsWith(": " + RULE), problem);
        InvalidBranchNameException thrown = assertThrows(InvalidBranchNameException.class, () -> BranchName.of(raw));
        assertEquals(problem, thrown.getMessage());
        assertInstanceOf(IllegalArgumentException.class, thrown);
        assertThrows(InvalidBranchNameException.class, () -> new BranchName(raw));
    }

    @Test
    void messageQuotesTheOffendingValue() {
        assertEquals(Optional.of("invalid branch name \"Foo!\": " + RULE), BranchName.problem("Foo!"));
        assertEquals(Optional.of("invalid branch name \"\": " + RULE), BranchName.problem(""));
    }

    @Test
    void messageEscapesControlCharactersAndQuotes() {
        assertEquals(Optional.of("invalid branch name \"a\\\"b\\u000a\": " + RULE), BranchName.problem("a\"b\n"));
    }

    @Test
    void messageShortensVeryLongValues() {
        String problem = BranchName.problem("x".repeat(5000)).orElseThrow();
        assertEquals("invalid branch name \"" + "x".repeat(100) + "\"... (5000 characters): " + RULE, problem);
    }

    @Test
    void nullIsNotAName() {
        assertThrows(NullPointerException.class, () -> BranchName.of(null));
        assertThrows(NullPointerException.class, () -> BranchName.problem(null));
    }

    @Test
    void equalNamesAreEqual() {
        assertEquals(BranchName.of("dev"), new BranchName("dev"));
        assertEquals(BranchName.of("dev").hashCode(), new BranchName("dev").hashCode());
    }
}
