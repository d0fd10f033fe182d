package dev.pgwake.proxy.relay;

/**
 * PostgreSQL's lexical rules, as far as the scanner needs them: where the next token starts once white space
 * and comments are skipped, and where it ends. Comments are {@code --} to the end of the line and nested
 * {@code /* *}{@code /} blocks; quoted tokens are string literals ({@code 'it''s'}), escape strings
 * ({@code E'\''}), dollar quotes ({@code $tag$...$tag$}) and quoted identifiers ({@code "a""b"}). Strings
 * follow {@code standard_conforming_strings = on}, PostgreSQL's default. Everything here is static and works
 * on positions in the text, never on substrings, so it allocates nothing.
 */
final class SqlLexer {
    /** What {@link #tokenEnd} answers for a quoted token that the text ends inside. */
    static final int UNTERMINATED = -1;

    private SqlLexer() {
    }

    /**
     * The index of the first char at or after {@code pos} that is neither white space nor inside a comment;
     * {@code sql.length()} if there is none, also when a block comment is never closed.
     */
    static int skipSpace(String sql, int pos) {
        int n = sql.length();
        while (pos < n) {
            char c = sql.charAt(pos);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B') {
                pos++;
            } else if (c == '-' && pos + 1 < n && sql.charAt(pos + 1) == '-') {
                int newline = sql.indexOf('\n', pos + 2);
                pos = newline < 0 ? n : newline + 1;
            } else if (c == '/' && pos + 1 < n && sql.charAt(pos + 1) == '*') {
                pos = blockCommentEnd(sql, pos + 2);
            } else {
                return pos;
            }
        }
        return n;
    }

    /** The index after the {@code *}{@code /} closing a block comment whose body starts at {@code pos}. */
    private static int blockCommentEnd(String sql, int pos) {
        int n = sql.length();
        int depth = 1;
        while (pos + 1 < n) {
            char c = sql.charAt(pos);
            char next = sql.charAt(pos + 1);
            if (c == '/' && next == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && next == '/') {
                pos += 2;
                if (--depth == 0) {
                    return pos;
                }
            } else {
                pos++;
            }
        }
        return n;
    }

    /**
     * The index after the token starting at {@code start} (a position {@link #skipSpace} answered, below the
     * text's length), or {@link #UNTERMINATED} when it is a quoted token that the text ends inside. Words and
     * numbers are one token each, a {@code $n} parameter too; any other char is a token of its own.
     */
    static int tokenEnd(String sql, int start) {
        int n = sql.length();
        char c = sql.charAt(start);
        if (c == '\'' || c == '"') {
            return quotedEnd(sql, start + 1, c, false);
        }
        if ((c == 'e' || c == 'E') && start + 1 < n && sql.charAt(start + 1) == '\'') {
            return quotedEnd(sql, start + 2, '\'', true);
        }
        if (isWordStart(c)) {
            return wordEnd(sql, start + 1);
        }
        if (c >= '0' && c <= '9') {
            int end = start + 1;
            while (end < n && (isWordPart(sql.charAt(end)) || sql.charAt(end) == '.')) {
                end++;
            }
            return end;
        }
        if (c == '$') {
            return dollarEnd(sql, start);
        }
        return start + 1;
    }

    /** Whether {@code c} can start an unquoted identifier or keyword. */
    static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || (c >= '0' && c <= '9') || c == '$';
    }

    private static int wordEnd(String sql, int pos) {
        int n = sql.length();
        while (pos < n && isWordPart(sql.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    /** The index after the closing quote; a doubled quote stands for one, and with escapes {@code \} too. */
    private static int quotedEnd(String sql, int pos, char quote, boolean backslashEscapes) {
        int n = sql.length();
        while (pos < n) {
            char c = sql.charAt(pos);
            if (c == '\\' && backslashEscapes) {
                pos += 2;
            } else if (c != quote) {
                pos++;
            } else if (pos + 1 < n && sql.charAt(pos + 1) == quote) {
                pos += 2;
            } else {
                return pos + 1;
            }
        }
        return UNTERMINATED;
    }

    /** A {@code $n} parameter, a dollar-quoted string, or a lone {@code $}. */
    private static int dollarEnd(String sql, int start) {
        int n = sql.length();
        int pos = start + 1;
        if (pos < n && sql.charAt(pos) >= '0' && sql.charAt(pos) <= '9') {
            while (pos < n && sql.charAt(pos) >= '0' && sql.charAt(pos) <= '9') {
                pos++;
            }
            return pos;
        }
        if (pos < n && isWordStart(sql.charAt(pos))) {
            pos++;
            while (pos < n && isWordPart(sql.charAt(pos)) && sql.charAt(pos) != '$') {
                pos++;
            }
        }
        if (pos >= n || sql.charAt(pos) != '$') {
            return start + 1;
        }
        int tagLength = pos + 1 - start;
        for (int close = sql.indexOf('$', pos + 1); close >= 0; close = sql.indexOf('$', close + 1)) {
            if (sql.regionMatches(close, sql, start, tagLength)) {
                return close + tagLength;
            }
        }
        return UNTERMINATED;
    }

    /**
     * Whether the token {@code [start, end)} is the unquoted word {@code keyword} (given in lower case).
     * Case is folded for ASCII letters only, as PostgreSQL folds keywords.
     */
    static boolean isKeyword(String sql, int start, int end, String keyword) {
        int length = keyword.length();
        if (end - start != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = sql.charAt(start + i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != keyword.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The end of the next token after {@code pos} if it is the word {@code keyword}; -1 if it is not. */
    static int keywordAfter(String sql, int pos, String keyword) {
        int start = skipSpace(sql, pos);
        if (start >= sql.length()) {
            return -1;
        }
        int end = tokenEnd(sql, start);
        return end != UNTERMINATED && isKeyword(sql, start, end, keyword) ? end : -1;
    }

    /**
     * The identifier that the token {@code [start, end)} names: a quoted identifier without its quotes and
     * with {@code ""} read as {@code "}, any other token with its ASCII letters in lower case.
     */
    static String identifier(String sql, int start, int end) {
        if (sql.charAt(start) == '"') {
            return sql.substring(start + 1, end - 1).replace("\"\"", "\"");
        }
        char[] chars = new char[end - start];
        for (int i = 0; i < chars.length; i++) {
            char c = sql.charAt(start + i);
            chars[i] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return new String(chars);
    }
}
