package dev.pgwake.proxy.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads one SCRAM message, a comma-separated list of {@code name=value} attributes (RFC 5802
 * section 5), front to back. Every problem becomes an {@link AuthenticationException} with the
 * SQLSTATE given at construction and a message that names what was expected but never echoes the
 * payload.
 */
final class ScramMessageReader {

    private final String message;
    private final String messageName;
    private final String sqlState;
    private int position;

    private ScramMessageReader(String message, String messageName, String sqlState) {
        this.message = message;
        this.messageName = messageName;
        this.sqlState = sqlState;
    }

    /** Decodes {@code bytes} as strict UTF-8 without NUL characters. */
    static ScramMessageReader of(byte[] bytes, String messageName, String sqlState)
            throws AuthenticationException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AuthenticationException(sqlState, "malformed SCRAM message (" + messageName
                    + " is not valid UTF-8)");
        }
        ScramMessageReader reader = new ScramMessageReader(text, messageName, sqlState);
        if (text.isEmpty() || text.indexOf('\0') >= 0) {
            throw reader.malformed("empty or contains NUL");
        }
        return reader;
    }

    /** The whole message as decoded. */
    String text() {
        return message;
    }

    boolean atEnd() {
        return position >= message.length();
    }

    int position() {
        return position;
    }

    /** The text from {@code from} up to the current position. */
    String consumedSince(int from) {
        return message.substring(from, position);
    }

    /** The text from the current position to the end, without consuming it. */
    String remaining() {
        return message.substring(position);
    }

    /** Whether the next attribute is {@code name=}. */
    boolean startsWith(char name) {
        return position + 1 < message.length()
                && message.charAt(position) == name
                && message.charAt(position + 1) == '=';
    }

    /** Consumes {@code c} if it comes next and is followed by a comma or the end. */
    boolean consumeFlag(char c) {
        boolean flag = !atEnd() && message.charAt(position) == c
                && (position + 1 == message.length() || message.charAt(position + 1) == ',');
        if (flag) {
            position++;
        }
        return flag;
    }

    /** Consumes the single character {@code c}. */
    void expect(char c, String what) throws AuthenticationException {
        if (atEnd() || message.charAt(position) != c) {
            throw malformed("expected " + what);
        }
        position++;
    }

    /** Reads attribute {@code name}, which must come next, and the comma after it, if any. */
    String read(char name) throws AuthenticationException {
        if (!startsWith(name)) {
            throw malformed("expected attribute \"" + name + "\"");
        }
        return readValue();
    }

    /** Reads whatever attribute comes next (an extension) and returns its value. */
    String readAny() throws AuthenticationException {
        if (atEnd() || !isAsciiLetter(message.charAt(position)) || !startsWith(message.charAt(position))) {
            throw malformed("expected an attribute");
        }
        return readValue();
    }

    /** Reads attribute {@code name} and decodes its value as Base64. */
    byte[] readBase64(char name) throws AuthenticationException {
        String value = read(name);
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw malformed("attribute \"" + name + "\" is not valid Base64");
        }
    }

    void expectEnd() throws AuthenticationException {
        if (!atEnd()) {
            throw malformed("unexpected data after the last attribute");
        }
    }

    AuthenticationException malformed(String detail) {
        return new AuthenticationException(sqlState, "malformed SCRAM message (" + messageName + ": "
                + detail + ")");
    }

    private String readValue() throws AuthenticationException {
        int start = position + 2;
        int comma = message.indexOf(',', start);
        int end = comma < 0 ? message.length() : comma;
        String value = message.substring(start, end);
        position = end;
        if (comma >= 0) {
            position++;
            if (atEnd()) {
                throw malformed("trailing comma");
            }
        }
        return value;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isPrintableNonce(String nonce) {
        if (nonce.isEmpty()) {
            return false;
        }
        for (int i = 0; i < nonce.length(); i++) {
            char c = nonce.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') {
                return false;
            }
        }
        return true;
    }
}
