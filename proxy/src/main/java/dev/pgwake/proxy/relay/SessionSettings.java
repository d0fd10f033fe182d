package dev.pgwake.proxy.relay;

import dev.pgwake.proxy.pool.ServerSettings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One client's session settings, as pgwake must make every server connection it lands on see them:
 * what its startup packet asked for ({@code options=-c ...} included), then what its own SET, RESET and
 * reported ParameterStatus changed. Names are lower case; values are SQL text to put after
 * {@code SET name TO}. A SET inside a transaction block takes effect when the block ends without ROLLBACK.
 * Event loop only.
 */
final class SessionSettings {
    /** Reported parameters a client can change; the read-only ones (server_version ...) are never replayed. */
    private static final Set<String> REPORTED_SETTABLE = Set.of("application_name", "client_encoding", "datestyle",
            "intervalstyle", "timezone", "standard_conforming_strings", "default_transaction_read_only", "search_path");

    private final Map<String, String> baseline;
    private final Baselines shared;
    /** What the client wants now: immutable, its baseline or a map shared with clients that changed alike. */
    private Map<String, String> current;
    /** The open transaction's commands; emptied to no array when it ends (an idle client keeps none). */
    private final ArrayList<SessionCommand> pending = new ArrayList<>();
    /** Counts changes of {@link #current}, so a server found equal once need not be compared again. */
    private long version;
    /** Open savepoints, innermost last: the name and how many pending commands came before it. */
    private final ArrayList<Map.Entry<String, Integer>> savepoints = new ArrayList<>();

    /** With a store of its own, not shared with other clients (tests). */
    SessionSettings(Map<String, String> baseline) {
        this(baseline, new Baselines());
    }

    /**
     * @param baseline what the startup packet asked for, lower-case names to SQL literals (immutable, maybe
     *                 shared with other clients: see {@link Baselines})
     * @param shared   where the settings the client changes to are shared with other clients'
     */
    SessionSettings(Map<String, String> baseline, Baselines shared) {
        this.baseline = baseline;
        this.shared = shared;
        this.current = baseline;
    }

    /** Sets {@code name} to {@code value} (null: drops it) in a new current map, shared if another client has it. */
    private void change(String name, String value) {
        if (Objects.equals(current.get(name), value)) {
            return; // e.g. a SET whose ParameterStatus came first: the client's map already says so
        }
        Map<String, String> next = new HashMap<>(current);
        if (value == null) {
            next.remove(name);
        } else {
            next.put(name, value);
        }
        current = shared.share(next);
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * Commands of a request that succeeded; they stick once its transaction ends well. A whole ROLLBACK in the
     * request undoes its commands before it (back to a COMMIT in the request); what earlier requests left pending
     * goes with the ROLLBACK's command tag ({@link #rolledBack}).
     */
    void succeeded(List<SessionCommand> effects) {
        int undoableFrom = pending.size();
        for (SessionCommand command : effects) {
            if (command instanceof SessionCommand.Commit) {
                undoableFrom = pending.size();
                savepoints.clear();
            } else if (command instanceof SessionCommand.Rollback) {
                pending.subList(undoableFrom, pending.size()).clear();
                savepoints.clear();
            } else if (command instanceof SessionCommand.Savepoint savepoint) {
                savepoints.add(Map.entry(savepoint.name(), pending.size()));
            } else if (command instanceof SessionCommand.RollbackTo rollback) {
                int at = find(rollback.name());
                if (at >= 0) {
                    pending.subList(savepoints.get(at).getValue(), pending.size()).clear();
                    savepoints.subList(at + 1, savepoints.size()).clear();
                }
            } else if (command instanceof SessionCommand.Release release) {
                int at = find(release.name());
                if (at >= 0) {
                    savepoints.subList(at, savepoints.size()).clear();
                }
            } else if (command instanceof SessionCommand.Assign || command instanceof SessionCommand.Reset
                    || command instanceof SessionCommand.ResetAll || isDiscardAll(command)) {
                pending.add(command);
            }
        }
    }

    private int find(String savepoint) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (savepoints.get(i).getKey().equals(savepoint)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isDiscardAll(SessionCommand command) {
        return command instanceof SessionCommand.Discard discard && discard.kind() == SessionCommand.Discard.Kind.ALL;
    }

    /** The transaction ended with ROLLBACK: what it SET is gone. */
    void rolledBack() {
        transactionOver();
    }

    private void transactionOver() {
        pending.clear();
        pending.trimToSize();
        savepoints.clear();
        savepoints.trimToSize();
    }

    /** Back to idle: what is pending took effect, on the client's view and on the server that ran it. */
    void commit(ServerSettings server) {
        for (SessionCommand command : pending) {
            apply(command, server);
        }
        transactionOver();
    }

    private void apply(SessionCommand command, ServerSettings server) {
        version++;
        if (command instanceof SessionCommand.Assign assign) {
            change(assign.name(), assign.value());
            server.put(assign.name(), assign.value());
        } else if (command instanceof SessionCommand.Reset reset) {
            change(reset.name(), baseline.get(reset.name()));
            server.remove(reset.name());
        } else { // RESET ALL, DISCARD ALL
            current = baseline;
            server.clear();
        }
    }

    /** The server reported a parameter's value while this client held it (after the client's own doing). */
    void reported(String name, String value, ServerSettings server) {
        String key = name.toLowerCase(Locale.ROOT);
        if (REPORTED_SETTABLE.contains(key)) {
            String sql = literal(value);
            if (!sql.equals(current.get(key))) {
                change(key, sql);
                version++;
            }
            server.put(key, sql);
        }
    }

    /**
     * The statements that make {@code server} match this client, or null if it does; {@code server} is
     * updated as if they ran.
     */
    String alignmentFor(ServerSettings server) {
        StringBuilder sql = null;
        for (Map.Entry<String, String> wanted : current.entrySet()) {
            if (!wanted.getValue().equals(server.get(wanted.getKey()))) {
                sql = append(sql, "SET " + identifier(wanted.getKey()) + " TO " + wanted.getValue());
            }
        }
        for (String name : server.names()) {
            if (!current.containsKey(name)) {
                sql = append(sql, "RESET " + identifier(name));
            }
        }
        server.replaceWith(current, stamp(), version());
        return sql == null ? null : sql.toString();
    }

    /**
     * True if {@code server} differs from what this client wants. A server found equal is stamped with the
     * client's settings map and version, so landing on it again costs no comparison; clients that changed
     * nothing share their baseline map (and stamp), so they need none either on each other's connections.
     */
    boolean differsFrom(ServerSettings server) {
        if (server.alignedWith(stamp(), version())) {
            return false;
        }
        boolean differs = !server.sameAs(current);
        if (!differs) {
            server.markAligned(stamp(), version());
        }
        return differs;
    }

    /** The settings map itself: immutable, so its identity (with the count of changes) tells a server found equal. */
    private Object stamp() {
        return current;
    }

    /** The shared baseline never changes; this client's own copy is told apart by its count of changes. */
    private long version() {
        return current == baseline ? 0 : version;
    }

    private static StringBuilder append(StringBuilder sql, String statement) {
        StringBuilder out = sql == null ? new StringBuilder() : sql.append("; ");
        return out.append(statement);
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    Map<String, String> current() {
        return current;
    }
}
