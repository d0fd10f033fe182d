package dev.pgwake.proxy.auth;

import java.text.Normalizer;

/**
 * SASLprep (RFC 4013, the "stringprep" profile of RFC 3454) as PostgreSQL applies it to SCRAM
 * passwords in {@code pg_saslprep}: a password that is pure ASCII is used unchanged; otherwise it is
 * mapped, NFKC-normalized and checked, and if the check fails PostgreSQL (and libpq) silently use the
 * raw password instead. {@link #prepare} does the same, so a failure here is never an error.
 *
 * <p>Done: mapping of non-ASCII spaces (table C.1.2) to U+0020 and removal of "commonly mapped to
 * nothing" characters (B.1); NFKC; the prohibited-output tables C.1.2, C.2.1, C.2.2, C.3 to C.9;
 * the bidirectional rule of RFC 3454 section 6.
 *
 * <p>Not exactly as PostgreSQL: NFKC, the bidirectional categories and "unassigned code point"
 * (table A.1) come from the JDK's Unicode version rather than Unicode 3.2, so a password holding code
 * points assigned after Unicode 3.2 is prepared here where PostgreSQL would fall back to the raw
 * bytes. That changes the result only when such a password also contains characters that mapping or
 * NFKC alters. A mapping that leaves nothing falls back to the raw password.
 */
final class SaslPrep {

    /** RFC 3454 table C.1.2, non-ASCII space characters, as inclusive ranges. */
    private static final int[][] NON_ASCII_SPACE = {
        {0x00A0, 0x00A0}, {0x1680, 0x1680}, {0x2000, 0x200B}, {0x202F, 0x202F}, {0x205F, 0x205F},
        {0x3000, 0x3000},
    };

    /** RFC 3454 table B.1, commonly mapped to nothing. */
    private static final int[][] MAPPED_TO_NOTHING = {
        {0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x1806, 0x1806}, {0x180B, 0x180D}, {0x200B, 0x200D},
        {0x2060, 0x2060}, {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF},
    };

    /** RFC 3454 tables C.2.1, C.2.2, C.3, C.5, C.6, C.7, C.8, C.9 (C.4 is tested arithmetically). */
    private static final int[][] PROHIBITED = {
        {0x0000, 0x001F}, {0x007F, 0x009F}, {0x0340, 0x0341}, {0x06DD, 0x06DD}, {0x070F, 0x070F},
        {0x180E, 0x180E}, {0x200C, 0x200F}, {0x2028, 0x202E}, {0x2060, 0x2063}, {0x206A, 0x206F},
        {0x2FF0, 0x2FFB}, {0xD800, 0xDFFF}, {0xE000, 0xF8FF}, {0xFDD0, 0xFDEF}, {0xFEFF, 0xFEFF},
        {0xFFF9, 0xFFFD}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
        {0xF0000, 0xFFFFD}, {0x100000, 0x10FFFD},
    };

    private SaslPrep() {
    }

    /** The password to hash: SASLprep of {@code password}, or {@code password} itself if that fails. */
    static String prepare(String password) {
        if (isAscii(password)) {
            return password;
        }
        String prepared = prepareStrictly(password);
        return prepared == null ? password : prepared;
    }

    /** SASLprep of a non-ASCII string, or null where PostgreSQL's pg_saslprep would fail. */
    static String prepareStrictly(String input) {
        StringBuilder mapped = new StringBuilder(input.length());
        input.codePoints().forEach(cp -> {
            if (inTable(cp, NON_ASCII_SPACE)) {
                mapped.append(' ');
            } else if (!inTable(cp, MAPPED_TO_NOTHING)) {
                mapped.appendCodePoint(cp);
            }
        });
        if (mapped.length() == 0) {
            return null;
        }
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        boolean allowed = normalized.codePoints().noneMatch(SaslPrep::isProhibited);
        return allowed && passesBidiRule(normalized) ? normalized : null;
    }

    private static boolean isProhibited(int cp) {
        boolean nonCharacter = (cp & 0xFFFE) == 0xFFFE;
        return nonCharacter
                || inTable(cp, PROHIBITED)
                || inTable(cp, NON_ASCII_SPACE)
                || Character.getType(cp) == Character.UNASSIGNED;
    }

    /**
     * RFC 3454 section 6: a string with any right-to-left character (RandALCat) must contain no
     * left-to-right character (LCat) and must begin and end with a right-to-left character.
     */
    private static boolean passesBidiRule(String s) {
        boolean anyRandAl = s.codePoints().anyMatch(SaslPrep::isRandAl);
        if (!anyRandAl) {
            return true;
        }
        boolean anyL = s.codePoints()
                .anyMatch(cp -> Character.getDirectionality(cp) == Character.DIRECTIONALITY_LEFT_TO_RIGHT);
        int first = s.codePointAt(0);
        int last = s.codePointBefore(s.length());
        return !anyL && isRandAl(first) && isRandAl(last);
    }

    private static boolean isRandAl(int cp) {
        byte d = Character.getDirectionality(cp);
        return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean inTable(int cp, int[][] table) {
        for (int[] range : table) {
            if (cp >= range[0] && cp <= range[1]) {
                return true;
            }
        }
        return false;
    }
}
