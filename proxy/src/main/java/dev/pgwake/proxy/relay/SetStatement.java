package dev.pgwake.proxy.relay;

import java.util.List;

/**
 * Reads {@code SET} and {@code RESET} in all their PostgreSQL forms into session commands: settings with the
 * canonical name of the parameter, the role and session authorization as a {@link PinReason#ROLE} pin, and
 * nothing for what lasts one transaction only ({@code SET LOCAL}, {@code SET TRANSACTION}, the
 * {@code transaction_*} parameters) or does nothing ({@code SET CONSTRAINTS}, {@code SET CATALOG},
 * {@code SET name FROM CURRENT}). {@code SET SESSION CHARACTERISTICS AS TRANSACTION} becomes the
 * {@code default_transaction_*} settings it changes.
 */
final class SetStatement {
    private static final SessionCommand PIN_ROLE = new SessionCommand.Pin(PinReason.ROLE);
    private static final SessionCommand UNPIN_ROLE = new SessionCommand.Unpin(PinReason.ROLE);

    private SetStatement() {
    }

    /** A SET statement; {@code tokens} is just past SET. */
    static List<SessionCommand> set(StatementTokens tokens, List<SessionCommand> found) {
        if (tokens.accept("local")) {
            return found;
        }
        boolean session = false;
        while (tokens.accept("session")) { // SET SESSION, SET SESSION AUTHORIZATION, or both
            session = true;
        }
        if (session && tokens.accept("authorization")) {
            return authorization(tokens.rest(), found);
        }
        if (session && tokens.accept("characteristics")) {
            return TransactionCharacteristics.read(tokens, found);
        }
        if (tokens.accept("transaction") || tokens.accept("catalog")) {
            return found; // this transaction's modes or snapshot; CATALOG only accepts the current database
        }
        if (tokens.accept("time")) {
            return tokens.accept("zone") ? timeZone(tokens.rest(), found) : found;
        }
        if (tokens.accept("xml")) {
            return tokens.accept("option") ? assign("xmloption", tokens.rest(), found) : found;
        }
        String name = tokens.name();
        if (name == null) {
            return found;
        }
        if (tokens.accept("to") || tokens.acceptChar('=')) {
            return assign(name, tokens.rest(), found);
        }
        return keywordForm(name, tokens, found);
    }

    /** The forms {@code SET SCHEMA 'x'}, {@code SET NAMES ['x']} and {@code SET ROLE x}; others do nothing. */
    private static List<SessionCommand> keywordForm(String name, StatementTokens tokens,
            List<SessionCommand> found) {
        return switch (name) {
            case "schema" -> tokens.isString() ? assign("search_path", tokens.rest(), found) : found;
            case "names" -> names(tokens.rest(), found);
            case "role" -> role(tokens.rest(), found);
            default -> found; // SET CONSTRAINTS ..., SET name FROM CURRENT, or not SQL PostgreSQL accepts
        };
    }

    /** {@code SET name TO value}, with the parameters that are not plain settings told apart. */
    private static List<SessionCommand> assign(String name, String value, List<SessionCommand> found) {
        if (value.isEmpty() || isTransactionScoped(name)) {
            return found;
        }
        return switch (name) {
            case "role" -> role(value, found);
            case "session_authorization" -> authorization(value, found);
            default -> SqlScanner.add(found, value.equalsIgnoreCase("default")
                    ? new SessionCommand.Reset(name)
                    : new SessionCommand.Assign(name, value));
        };
    }

    /** The parameters behind SET TRANSACTION: every transaction starts with them at their defaults. */
    private static boolean isTransactionScoped(String name) {
        return name.equals("transaction_isolation") || name.equals("transaction_read_only")
                || name.equals("transaction_deferrable");
    }

    /** {@code SET NAMES}: without an encoding it means DEFAULT. */
    private static List<SessionCommand> names(String encoding, List<SessionCommand> found) {
        return encoding.isEmpty()
                ? SqlScanner.add(found, new SessionCommand.Reset("client_encoding"))
                : assign("client_encoding", encoding, found);
    }

    /**
     * {@code SET TIME ZONE value}; its {@code INTERVAL '...' [HOUR TO MINUTE]} form gives no command: {@code SET
     * timezone TO} cannot replay it, and the server reports the zone it made of it (TimeZone is reported), which
     * the client's settings then take as they take any reported value.
     */
    private static List<SessionCommand> timeZone(String value, List<SessionCommand> found) {
        if (value.equalsIgnoreCase("local")) {
            return SqlScanner.add(found, new SessionCommand.Reset("timezone"));
        }
        if (value.regionMatches(true, 0, "interval", 0, "interval".length())) {
            return found;
        }
        return assign("timezone", value, found);
    }

    /** {@code SET ROLE}: NONE (or the string 'none') and DEFAULT go back to the session user. */
    private static List<SessionCommand> role(String value, List<SessionCommand> found) {
        if (value.isEmpty()) {
            return found;
        }
        boolean back = value.equalsIgnoreCase("none") || value.equals("'none'") || value.equalsIgnoreCase("default");
        return SqlScanner.add(found, back ? UNPIN_ROLE : PIN_ROLE);
    }

    private static List<SessionCommand> authorization(String value, List<SessionCommand> found) {
        if (value.isEmpty()) {
            return found;
        }
        return SqlScanner.add(found, value.equalsIgnoreCase("default") ? UNPIN_ROLE : PIN_ROLE);
    }

    /** A RESET statement; {@code tokens} is just past RESET. */
    static List<SessionCommand> reset(StatementTokens tokens, List<SessionCommand> found) {
        if (tokens.accept("all")) {
            return SqlScanner.add(found, new SessionCommand.ResetAll());
        }
        if (tokens.accept("time")) {
            return tokens.accept("zone") ? SqlScanner.add(found, new SessionCommand.Reset("timezone")) : found;
        }
        if (tokens.accept("session")) {
            return tokens.accept("authorization") ? SqlScanner.add(found, UNPIN_ROLE) : found;
        }
        if (tokens.is("transaction")) {
            return found; // RESET TRANSACTION ISOLATION LEVEL: this transaction only
        }
        String name = tokens.name();
        if (name == null || isTransactionScoped(name)) {
            return found;
        }
        if (name.equals("role") || name.equals("session_authorization")) {
            return SqlScanner.add(found, UNPIN_ROLE);
        }
        return SqlScanner.add(found, new SessionCommand.Reset(name));
    }
}
