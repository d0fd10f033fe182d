package dev.pgwake.proxy.auth;

/**
 * Splits one line of a users file into its quoted user name and secret. Error messages describe the
 * problem and never quote the line, which may hold a secret.
 */
final class UserListLine {

    private final String line;
    private final String where;
    private int position;

    private UserListLine(String line, String where) {
        this.line = line;
        this.where = where;
    }

    /** {@code {user, secret}}, or null for a blank or comment line. */
    static String[] parse(String line, String where) {
        return new UserListLine(line, where).parse();
    }

    private String[] parse() {
        skipWhitespace();
        if (atEnd() || line.charAt(position) == ';' || line.charAt(position) == '#') {
            return null;
        }
        String user = quoted("user name");
        if (user.isEmpty()) {
            throw error("the user name is empty");
        }
        int beforeGap = position;
        skipWhitespace();
        if (position == beforeGap || atEnd()) {
            throw error("expected whitespace and a double-quoted secret after the user name");
        }
        String secret = quoted("secret");
        if (!atEnd() && !isWhitespace(line.charAt(position))) {
            throw error("unexpected text right after the closing quote of the secret");
        }
        return new String[] {user, secret};
    }

    /** Reads a double-quoted field in which {@code ""} is a literal quote. */
    private String quoted(String what) {
        if (atEnd() || line.charAt(position) != '"') {
            throw error("expected a double-quoted " + what);
        }
        StringBuilder value = new StringBuilder();
        position++;
        while (!atEnd()) {
            char c = line.charAt(position++);
            if (c != '"') {
                value.append(c);
            } else if (!atEnd() && line.charAt(position) == '"') {
                value.append('"');
                position++;
            } else {
                return value.toString();
            }
        }
        throw error("the " + what + " has no closing quote");
    }

    private void skipWhitespace() {
        while (!atEnd() && isWhitespace(line.charAt(position))) {
            position++;
        }
    }

    private boolean atEnd() {
        return position >= line.length();
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(where + problem);
    }
}
