package dev.pgwake.proxy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SaslPrepTest {

    @ParameterizedTest
    @ValueSource(strings = {"pencil", "with space", "tab\tand\u0001control", "\u007F", "=,\"'\\"})
    void asciiIsUnchanged(String password) {
        assertEquals(password, SaslPrep.prepare(password));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "a\u00A0b|a b|no-break space",
        "a\u3000b|a b|ideographic space",
        "a\u2003b|a b|em space",
        "x\u200By|x y|zero-width space is in C.1.2, mapped before B.1",
        "so\u00ADft|soft|soft hyphen maps to nothing",
        "zw\u200Dj\uFEFF|zwj|zero-width joiner and BOM map to nothing",
        "I\u00BD\u2168\u2163|I1\u20442IXIV|NFKC of fractions and roman numerals",
        "\uFB01x\u00E9|fix\u00E9|NFKC of a ligature",
        "e\u0301|\u00E9|NFKC composes",
        "\u05D0\u05D1|\u05D0\u05D1|right-to-left only",
        "\u05D01\u05D1|\u05D01\u05D1|right-to-left with a digit inside",
    })
    void nonAsciiIsMappedAndNormalized(String input, String expected, String why) {
        assertEquals(expected, SaslPrep.prepare(input));
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {
        "a\u0007\u00E9", // ASCII control next to non-ASCII
        "\u00E9\u0085", // C.2.2 non-ASCII control
        "\u00E9\uE000", // C.3 private use
        "\u00E9\uFDD0", // C.4 non-character
        "\u00E9\uFFFD", // C.6 replacement character
        "\u00E9\u2FF0", // C.7 ideographic description
        "\u00E9\u200E", // C.8 left-to-right mark
        "\u00E9\uDB40\uDC01", // C.9 language tag U+E0001
        "\u00E9\uD800", // C.5 lone surrogate
        "\u05D0a", // bidi: right-to-left next to left-to-right
        "1\u05D0", // bidi: right-to-left must come first and last
        "\u00E9\u0378", // unassigned
        "\u00AD", // nothing left after mapping
    })
    void prohibitedOutputFallsBackToTheRawPassword(String input) {
        assertNull(SaslPrep.prepareStrictly(input));
        assertEquals(input, SaslPrep.prepare(input));
    }

    @Test
    void appliesToScramSecretsButTheResultStaysLoginCompatible() {
        byte[] salt = {1, 2, 3, 4};

        assertEquals(ScramSecret.fromPassword("a b", salt, 2), ScramSecret.fromPassword("a\u00A0b", salt, 2));
    }
}
