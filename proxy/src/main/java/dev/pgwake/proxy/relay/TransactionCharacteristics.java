package dev.pgwake.proxy.relay;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SET SESSION CHARACTERISTICS AS TRANSACTION mode [, ...]}, read as the settings it changes:
 * {@code ISOLATION LEVEL ...} sets {@code default_transaction_isolation}, {@code READ ONLY | WRITE} sets
 * {@code default_transaction_read_only} and {@code [NOT] DEFERRABLE} sets
 * {@code default_transaction_deferrable}. The values are written so that {@code SET name TO value} replays
 * them. A mode list PostgreSQL would reject yields nothing.
 */
final class TransactionCharacteristics {
    private TransactionCharacteristics() {
    }

    /** {@code tokens} is just past CHARACTERISTICS. */
    static List<SessionCommand> read(StatementTokens tokens, List<SessionCommand> found) {
        if (!tokens.accept("as") || !tokens.accept("transaction")) {
            return found;
        }
        List<SessionCommand> modes = new ArrayList<>(3);
        while (!tokens.atEnd()) {
            SessionCommand mode = mode(tokens);
            if (mode == null) {
                return found;
            }
            modes.add(mode);
            tokens.acceptChar(',');
        }
        for (SessionCommand mode : modes) {
            found = SqlScanner.add(found, mode);
        }
        return found;
    }

    /** The mode at the cursor, moving past it; {@code null} if there is none. */
    private static SessionCommand mode(StatementTokens tokens) {
        if (tokens.accept("isolation")) {
            String level = tokens.accept("level") ? level(tokens) : null;
            return level == null ? null : assign("default_transaction_isolation", "'" + level + "'");
        }
        if (tokens.accept("read")) {
            if (tokens.accept("only")) {
                return assign("default_transaction_read_only", "on");
            }
            return tokens.accept("write") ? assign("default_transaction_read_only", "off") : null;
        }
        if (tokens.accept("not")) {
            return tokens.accept("deferrable") ? assign("default_transaction_deferrable", "off") : null;
        }
        return tokens.accept("deferrable") ? assign("default_transaction_deferrable", "on") : null;
    }

    private static String level(StatementTokens tokens) {
        if (tokens.accept("serializable")) {
            return "serializable";
        }
        if (tokens.accept("repeatable")) {
            return tokens.accept("read") ? "repeatable read" : null;
        }
        if (!tokens.accept("read")) {
            return null;
        }
        if (tokens.accept("committed")) {
            return "read committed";
        }
        return tokens.accept("uncommitted") ? "read uncommitted" : null;
    }

    private static SessionCommand assign(String name, String value) {
        return new SessionCommand.Assign(name, value);
    }
}
