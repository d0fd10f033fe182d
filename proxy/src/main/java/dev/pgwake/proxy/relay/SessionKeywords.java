package dev.pgwake.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A quick look at a query's bytes, before any decoding, for a word that a session-changing statement
 * cannot do without ({@code SET}, {@code LISTEN}, {@code TEMP}, {@code advisory} ...). Most queries have
 * none, and then neither decoding them to a String nor {@link SqlScanner} is needed. Conservative: a word
 * inside a string or a longer name also counts (the scanner then decides), so it never misses one.
 */
final class SessionKeywords {
    private static final String[] WORDS = {"set", "discard", "deallocate", "listen", "create", "declare", "close",
        "prepare", "savepoint", "rollback", "release", "advisory", "temp"};
    /** By a byte's lower-case value: the words that start with it (most bytes start none). */
    private static final byte[][][] STARTING_WITH = startingWith();
    /** Goes on over bytes that start no word; stops at one that may. */
    private static final ByteProcessor NO_WORD_STARTS_HERE = b -> STARTING_WITH[(b | 0x20) & 0xff] == null;

    private SessionKeywords() {
    }

    private static byte[][][] startingWith() {
        byte[][][] table = new byte[256][][];
        for (String word : WORDS) {
            byte[] bytes = word.getBytes(StandardCharsets.US_ASCII);
            byte[][] before = table[bytes[0]];
            byte[][] after = before == null ? new byte[1][] : Arrays.copyOf(before, before.length + 1);
            after[after.length - 1] = bytes;
            table[bytes[0]] = after;
        }
        return table;
    }

    /** True if {@code length} bytes of {@code text} from {@code from} contain one of the words, in any case. */
    static boolean present(ByteBuf text, int from, int length) {
        int end = from + length;
        int i = from;
        while (i < end) {
            int at = text.forEachByte(i, end - i, NO_WORD_STARTS_HERE);
            if (at < 0) {
                return false;
            }
            for (byte[] word : STARTING_WITH[(text.getByte(at) | 0x20) & 0xff]) {
                if (matches(text, at, end, word)) {
                    return true;
                }
            }
            i = at + 1;
        }
        return false;
    }

    /** The word at {@code at}, whose first byte is known to match; ASCII letters compared in lower case. */
    private static boolean matches(ByteBuf text, int at, int end, byte[] word) {
        if (end - at < word.length) {
            return false;
        }
        for (int k = 1; k < word.length; k++) {
            if ((text.getByte(at + k) | 0x20) != word[k]) {
                return false;
            }
        }
        return true;
    }
}
