package dev.pgwake.proxy.relay;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * A quick look at a query's bytes, before any decoding, for a word that a session-changing statement
 * cannot do without ({@code SET}, {@code LISTEN}, {@code TEMP}, {@code advisory} ...). Most queries have
 * none, and then neither decoding them to a String nor {@link SqlScanner} is needed. Conservative: a word
 * inside a string or a longer name also counts (the scanner then decides), so it never misses one.
 */
final class SessionKeywords {
    private static final byte[][] WORDS = words("set", "discard", "deallocate", "listen", "create", "declare",
            "close", "prepare", "savepoint", "rollback", "release", "advisory", "temp");

    private SessionKeywords() {
    }

    private static byte[][] words(String... words) {
        byte[][] bytes = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            bytes[i] = words[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }

    /** True if {@code length} bytes of {@code text} from {@code from} contain one of the words, in any case. */
    static boolean present(ByteBuf text, int from, int length) {
        int end = from + length;
        for (int i = from; i < end; i++) {
            int first = text.getByte(i) | 0x20; // ASCII letters to lower case; other bytes never equal a word's
            for (byte[] word : WORDS) {
                if (word[0] == first && matches(text, i, end, word)) {
                    return true;
                }
            }
        }
        return false;
    }

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
