package dev.pgwake.proxy.relay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Tells the transaction pooler which statements of a SQL text change session state: the text of a Query
 * message (any number of statements separated by {@code ;}) or of a Parse message. It reads the text the way
 * PostgreSQL's lexer does, so nothing inside a string, comment, dollar quote or quoted identifier counts,
 * and answers the {@link SessionCommand}s in the order the statements would run them.
 *
 * <p>It runs on every message, so an ordinary statement costs one pass over its chars and allocates nothing:
 * the first word is compared with the few statements that matter, and the rest of the statement is walked
 * token by token for the commands that can sit anywhere ({@link InlineCommands}). Only a statement that
 * starts with one of those words is read further, with a {@link StatementTokens} cursor.
 *
 * <p>What it cannot see: state changed inside a function or a DO block ({@code SELECT f()} where f takes an
 * advisory lock), and statements run by {@code EXECUTE} of a statement prepared earlier.
 */
final class SqlScanner {
    private static final List<SessionCommand> NONE = List.of();

    /** The first words of the statements {@link #statement} reads; every other statement is ordinary. */
    private static final String[] STATEMENTS = {
        "set", "reset", "discard", "deallocate", "listen", "unlisten", "create", "declare", "close", "prepare",
        "savepoint", "rollback", "release", "abort", "commit", "end",
    };

    private SqlScanner() {
    }

    /** The session commands of every statement in {@code sql}, in order; a shared empty list if none. */
    static List<SessionCommand> scan(String sql) {
        List<SessionCommand> found = NONE;
        int n = sql.length();
        int pos = 0;
        while (pos < n) {
            int start = SqlLexer.skipSpace(sql, pos);
            if (start >= n) {
                break;
            }
            found = statement(sql, start, found);
            int at = InlineCommands.next(sql, start);
            while (at < n && sql.charAt(at) != ';') {
                found = add(found, InlineCommands.at(sql, at));
                at = InlineCommands.next(sql, SqlLexer.tokenEnd(sql, at));
            }
            pos = at + 1;
        }
        return found.isEmpty() ? NONE : Collections.unmodifiableList(found);
    }

    /** {@code found} with {@code command} added; the first command turns the shared empty list into a list. */
    static List<SessionCommand> add(List<SessionCommand> found, SessionCommand command) {
        List<SessionCommand> list = found.isEmpty() ? new ArrayList<>(4) : found;
        list.add(command);
        return list;
    }

    /** The commands of the statement starting at {@code start} by what it is, if its first word says so. */
    private static List<SessionCommand> statement(String sql, int start, List<SessionCommand> found) {
        int end = SqlLexer.tokenEnd(sql, start);
        if (end == SqlLexer.UNTERMINATED || !isSessionStatement(sql, start, end)) {
            return found;
        }
        StatementTokens tokens = new StatementTokens(sql, end);
        return switch (SqlLexer.identifier(sql, start, end)) {
            case "set" -> SetStatement.set(tokens, found);
            case "reset" -> SetStatement.reset(tokens, found);
            case "discard" -> discard(tokens, found);
            case "deallocate" -> deallocate(tokens, found);
            case "listen" -> tokens.isName() ? add(found, new SessionCommand.Pin(PinReason.LISTEN)) : found;
            case "unlisten" -> tokens.isChar('*') ? add(found, new SessionCommand.Unpin(PinReason.LISTEN)) : found;
            case "create" -> create(tokens, found);
            case "declare" -> declare(tokens, found);
            case "close" -> tokens.is("all") ? add(found, new SessionCommand.Unpin(PinReason.HOLD_CURSOR)) : found;
            case "prepare" -> prepare(tokens, found);
            case "savepoint" -> named(tokens, found, SessionCommand.Savepoint::new);
            case "rollback" -> rollback(tokens, found);
            case "abort" -> ended(found, new SessionCommand.Rollback());
            case "commit" -> tokens.is("prepared") ? found : ended(found, new SessionCommand.Commit());
            case "end" -> ended(found, new SessionCommand.Commit());
            case "release" -> {
                tokens.accept("savepoint");
                yield named(tokens, found, SessionCommand.Release::new);
            }
            default -> found;
        };
    }

    private static List<SessionCommand> named(StatementTokens tokens, List<SessionCommand> found,
                                              java.util.function.Function<String, SessionCommand> command) {
        String name = tokens.name();
        return name == null ? found : add(found, command.apply(name));
    }

    /**
     * {@code ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name}, or a whole ROLLBACK (which also shows in its
     * command tag, for what earlier requests left pending); {@code ROLLBACK PREPARED} ends another transaction.
     */
    private static List<SessionCommand> rollback(StatementTokens tokens, List<SessionCommand> found) {
        if (!tokens.accept("work")) {
            tokens.accept("transaction");
        }
        if (tokens.accept("to")) {
            tokens.accept("savepoint");
            return named(tokens, found, SessionCommand.RollbackTo::new);
        }
        return tokens.is("prepared") ? found : ended(found, new SessionCommand.Rollback());
    }

    /** The end of a transaction matters only after session commands of the same request. */
    private static List<SessionCommand> ended(List<SessionCommand> found, SessionCommand end) {
        return found.isEmpty() ? found : add(found, end);
    }

    private static boolean isSessionStatement(String sql, int start, int end) {
        for (String keyword : STATEMENTS) {
            if (SqlLexer.isKeyword(sql, start, end, keyword)) {
                return true;
            }
        }
        return false;
    }

    /** {@code DISCARD ALL} ends every pin by itself; {@code DISCARD TEMP} ends the temporary-object pin. */
    private static List<SessionCommand> discard(StatementTokens tokens, List<SessionCommand> found) {
        if (tokens.is("all")) {
            return add(found, new SessionCommand.Discard(SessionCommand.Discard.Kind.ALL));
        }
        if (tokens.is("plans")) {
            return add(found, new SessionCommand.Discard(SessionCommand.Discard.Kind.PLANS));
        }
        if (tokens.is("sequences")) {
            return add(found, new SessionCommand.Discard(SessionCommand.Discard.Kind.SEQUENCES));
        }
        if (tokens.is("temp") || tokens.is("temporary")) {
            found = add(found, new SessionCommand.Discard(SessionCommand.Discard.Kind.TEMP));
            return add(found, new SessionCommand.Unpin(PinReason.TEMP_OBJECT));
        }
        return found;
    }

    /** {@code DEALLOCATE [PREPARE] ALL}; deallocating one statement by name changes no pin. */
    private static List<SessionCommand> deallocate(StatementTokens tokens, List<SessionCommand> found) {
        tokens.accept("prepare");
        if (!tokens.is("all")) {
            return found;
        }
        found = add(found, new SessionCommand.DeallocateAll());
        return add(found, new SessionCommand.Unpin(PinReason.SQL_PREPARE));
    }

    /**
     * {@code CREATE [OR REPLACE] [GLOBAL | LOCAL] TEMP | TEMPORARY ...}, and any CREATE of an object named in
     * the schema {@code pg_temp} ({@code CREATE TABLE pg_temp.t}, {@code CREATE FUNCTION pg_temp.f()}).
     */
    private static List<SessionCommand> create(StatementTokens tokens, List<SessionCommand> found) {
        if (tokens.accept("or")) {
            tokens.accept("replace");
        }
        if (!tokens.accept("global")) {
            tokens.accept("local");
        }
        boolean temp = tokens.is("temp") || tokens.is("temporary");
        while (!temp && !tokens.atEnd() && !tokens.isChar('(') && !tokens.is("as")) {
            boolean schema = tokens.accept("pg_temp");
            temp = schema && tokens.isChar('.');
            if (!schema) {
                tokens.next();
            }
        }
        return temp ? add(found, new SessionCommand.Pin(PinReason.TEMP_OBJECT)) : found;
    }

    /** {@code DECLARE name [BINARY] [[A]SENSITIVE | INSENSITIVE] [[NO] SCROLL] CURSOR WITH HOLD FOR ...}. */
    private static List<SessionCommand> declare(StatementTokens tokens, List<SessionCommand> found) {
        if (!tokens.isName()) {
            return found;
        }
        tokens.next();
        while (tokens.accept("binary") || tokens.accept("insensitive") || tokens.accept("asensitive")
                || tokens.accept("sensitive") || tokens.accept("no") || tokens.accept("scroll")) {
            // options before CURSOR
        }
        if (tokens.accept("cursor") && tokens.accept("with") && tokens.is("hold")) {
            return add(found, new SessionCommand.Pin(PinReason.HOLD_CURSOR));
        }
        return found;
    }

    /** SQL-level {@code PREPARE name [(types)] AS ...}; {@code PREPARE TRANSACTION 'id'} is two-phase commit. */
    private static List<SessionCommand> prepare(StatementTokens tokens, List<SessionCommand> found) {
        if (!tokens.isName() || (tokens.accept("transaction") && tokens.isString())) {
            return found;
        }
        return add(found, new SessionCommand.Pin(PinReason.SQL_PREPARE));
    }
}
