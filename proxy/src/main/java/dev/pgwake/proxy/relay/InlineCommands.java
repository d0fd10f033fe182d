package dev.pgwake.proxy.relay;

/**
 * The session commands that can sit anywhere inside a statement rather than be the statement: a call of one
 * of the session-level advisory lock functions (in a select list, a WHERE clause, a subquery, a CTE; plain,
 * quoted or schema-qualified) and {@code SELECT ... INTO TEMP}. {@link #next} walks a statement token by
 * token to the next of them without allocating; that walk is the whole cost of an ordinary statement.
 */
final class InlineCommands {
    private static final SessionCommand LOCK = new SessionCommand.Pin(PinReason.ADVISORY_LOCK);
    private static final SessionCommand UNLOCK_ALL = new SessionCommand.Unpin(PinReason.ADVISORY_LOCK);
    private static final SessionCommand INTO_TEMP = new SessionCommand.Pin(PinReason.TEMP_OBJECT);

    /** The functions that take a lock held until the session ends or unlocks it; not the _xact_ ones. */
    private static final String[] LOCK_FUNCTIONS = {
        "pg_advisory_lock", "pg_advisory_lock_shared", "pg_try_advisory_lock", "pg_try_advisory_lock_shared",
    };
    private static final String UNLOCK_ALL_FUNCTION = "pg_advisory_unlock_all";
    private static final int SHORTEST = "pg_advisory_lock".length();
    private static final int LONGEST = "pg_try_advisory_lock_shared".length();

    private InlineCommands() {
    }

    /**
     * From {@code pos} in a statement: the start of the next token that is a session command (see
     * {@link #at}), or else the index of the {@code ;} that ends the statement, or else the text's length
     * (also when the text ends inside a quoted token).
     */
    static int next(String sql, int pos) {
        int n = sql.length();
        int previousStart = pos;
        int previousEnd = pos;
        while (true) {
            int start = SqlLexer.skipSpace(sql, pos);
            if (start >= n || sql.charAt(start) == ';') {
                return start;
            }
            int end = SqlLexer.tokenEnd(sql, start);
            if (end == SqlLexer.UNTERMINATED) {
                return n;
            }
            if ((function(sql, start, end) != null && isCall(sql, end))
                    || isIntoTemp(sql, start, end, previousStart, previousEnd)) {
                return start;
            }
            previousStart = start;
            previousEnd = end;
            pos = end;
        }
    }

    /** The command whose token starts at {@code start}, a position {@link #next} answered. */
    static SessionCommand at(String sql, int start) {
        SessionCommand function = function(sql, start, SqlLexer.tokenEnd(sql, start));
        return function != null ? function : INTO_TEMP;
    }

    /** The command a call of the function named by the token would be, or {@code null}. */
    private static SessionCommand function(String sql, int start, int end) {
        boolean quoted = sql.charAt(start) == '"';
        int from = quoted ? start + 1 : start;
        int to = quoted ? end - 1 : end;
        int length = to - from;
        if (length < SHORTEST || length > LONGEST || (sql.charAt(from) | 0x20) != 'p') {
            return null;
        }
        for (String name : LOCK_FUNCTIONS) {
            if (isName(sql, from, to, name, quoted)) {
                return LOCK;
            }
        }
        return isName(sql, from, to, UNLOCK_ALL_FUNCTION, quoted) ? UNLOCK_ALL : null;
    }

    private static boolean isName(String sql, int from, int to, String name, boolean quoted) {
        return quoted
                ? to - from == name.length() && sql.regionMatches(from, name, 0, name.length())
                : SqlLexer.isKeyword(sql, from, to, name);
    }

    /** Whether an opening parenthesis follows {@code end}. */
    private static boolean isCall(String sql, int end) {
        int next = SqlLexer.skipSpace(sql, end);
        return next < sql.length() && sql.charAt(next) == '(';
    }

    /**
     * Whether the token is the INTO of {@code SELECT ... INTO [GLOBAL | LOCAL] TEMP | TEMPORARY}: INTO
     * followed by those words, and not the INTO of {@code INSERT INTO} or {@code MERGE INTO} (a table may
     * be named temp).
     */
    private static boolean isIntoTemp(String sql, int start, int end, int previousStart, int previousEnd) {
        if (!SqlLexer.isKeyword(sql, start, end, "into")
                || SqlLexer.isKeyword(sql, previousStart, previousEnd, "insert")
                || SqlLexer.isKeyword(sql, previousStart, previousEnd, "merge")) {
            return false;
        }
        int temp = SqlLexer.keywordAfter(sql, end, "global");
        if (temp < 0) {
            temp = SqlLexer.keywordAfter(sql, end, "local");
        }
        if (temp < 0) {
            temp = end;
        }
        return SqlLexer.keywordAfter(sql, temp, "temp") >= 0 || SqlLexer.keywordAfter(sql, temp, "temporary") >= 0;
    }
}
