package dev.pgwake.routing;

/**
 * Client-supplied text made safe to put in an error message: double-quoted, with quotes,
 * backslashes and control characters escaped, and cut short when very long.
 */
final class QuotedValue {

    static final int MAX_SHOWN = 100;

    private QuotedValue() {
    }

    static String of(String raw) {
        StringBuilder quoted = new StringBuilder(Math.min(raw.length(), MAX_SHOWN) + 8).append('"');
        int shown = Math.min(raw.length(), MAX_SHOWN);
        if (shown < raw.length() && Character.isHighSurrogate(raw.charAt(shown - 1))) {
            shown--;
        }
        for (int i = 0; i < shown; i++) {
            appendEscaped(quoted, raw.charAt(i));
        }
        quoted.append('"');
        if (shown < raw.length()) {
            quoted.append("... (").append(raw.length()).append(" characters)");
        }
        return quoted.toString();
    }

    private static void appendEscaped(StringBuilder out, char c) {
        if (c == '"' || c == '\\') {
            out.append('\\').append(c);
        } else if (Character.isISOControl(c)) {
            out.append(String.format("\\u%04x", (int) c));
        } else {
            out.append(c);
        }
    }
}
