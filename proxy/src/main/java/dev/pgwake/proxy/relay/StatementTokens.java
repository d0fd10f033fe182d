package dev.pgwake.proxy.relay;

/**
 * A cursor over the tokens of one statement, for reading the few statements that change session state. It
 * stops at the {@code ;} that ends the statement, at the end of the text, and at a quoted token the text ends
 * inside (PostgreSQL would reject the text there, so nothing after it counts). Only statements whose first
 * word names one of those statements get a cursor; ordinary statements never allocate one.
 */
final class StatementTokens {
    private final String sql;
    /** The current token; {@code start == end} when there is none. */
    private int start;
    private int end;

    /** A cursor on the first token at or after {@code pos}. */
    StatementTokens(String sql, int pos) {
        this.sql = sql;
        moveTo(pos);
    }

    private void moveTo(int pos) {
        int n = sql.length();
        start = SqlLexer.skipSpace(sql, pos);
        if (start >= n || sql.charAt(start) == ';') {
            end = start;
            return;
        }
        end = SqlLexer.tokenEnd(sql, start);
        if (end == SqlLexer.UNTERMINATED) {
            start = n;
            end = n;
        }
    }

    /** Whether the statement has no more tokens. */
    boolean atEnd() {
        return start == end;
    }

    /** Moves to the next token, if there is one. */
    void next() {
        if (!atEnd()) {
            moveTo(end);
        }
    }

    /** Whether the current token is the unquoted word {@code keyword} (lower case), in any case. */
    boolean is(String keyword) {
        return SqlLexer.isKeyword(sql, start, end, keyword);
    }

    /** Moves past the current token if it is {@code keyword}; answers whether it did. */
    boolean accept(String keyword) {
        if (is(keyword)) {
            next();
            return true;
        }
        return false;
    }

    /** Whether the current token is the single char {@code c}, such as {@code *} or {@code =}. */
    boolean isChar(char c) {
        return end == start + 1 && sql.charAt(start) == c;
    }

    /** Moves past the current token if it is the single char {@code c}; answers whether it did. */
    boolean acceptChar(char c) {
        if (isChar(c)) {
            next();
            return true;
        }
        return false;
    }

    /** Whether the current token is a string literal, plain or escape. */
    boolean isString() {
        return !atEnd() && sql.charAt(end - 1) == '\'';
    }

    /** Whether the current token can be a name: an unquoted word or a quoted identifier. */
    boolean isName() {
        return !atEnd() && (sql.charAt(start) == '"' || SqlLexer.isWordStart(sql.charAt(start)))
                && sql.charAt(end - 1) != '\'';
    }

    /**
     * Reads a possibly qualified name ({@code a.b.c}), each part folded as PostgreSQL folds identifiers, and
     * moves past it; {@code null} (not moving) if the current token is not a name.
     */
    String name() {
        if (!isName()) {
            return null;
        }
        StringBuilder name = new StringBuilder(SqlLexer.identifier(sql, start, end));
        next();
        while (isChar('.')) {
            next();
            if (!isName()) {
                break;
            }
            name.append('.').append(SqlLexer.identifier(sql, start, end));
            next();
        }
        return name.toString();
    }

    /**
     * The text from the current token to the end of the statement's last token, exactly as written, without
     * the white space and comments around it; "" at the end. Moves to the end of the statement.
     */
    String rest() {
        int from = start;
        int to = start;
        while (!atEnd()) {
            to = end;
            next();
        }
        return sql.substring(from, to);
    }
}
