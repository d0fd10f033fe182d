package dev.pgwake.proxy.relay;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One client's named prepared statements. Each maps to a server-side name derived from the statement's
 * definition (query text and parameter types), so clients preparing the same statement share it on a
 * server connection, and pgwake can prepare it on whichever connection serves the client. Event loop only.
 */
final class ClientStatements {
    /** Prefix of every server-side statement name pgwake chooses. */
    static final String SERVER_PREFIX = "pgwake_";

    /** A client statement: its server name, its definition (to prepare it again) and its session effects. */
    record Prepared(String serverName, byte[] definition, List<SessionCommand> effects) {
    }

    /** Made at the first named statement, as {@link #digest}: most clients of a pool never prepare one. */
    private Map<String, Prepared> byName;
    /** Made at the first named statement: most clients of a pool never prepare one. */
    private MessageDigest digest;

    Prepared get(String name) {
        return byName == null ? null : byName.get(name);
    }

    boolean contains(String name) {
        return byName != null && byName.containsKey(name);
    }

    Prepared add(String name, byte[] definition, List<SessionCommand> effects) {
        Prepared prepared = new Prepared(serverNameFor(definition), definition, effects);
        restore(name, prepared);
        return prepared;
    }

    /** A statement of this client with that server-side name, if any. */
    Prepared byServerName(String serverName) {
        if (byName == null) {
            return null;
        }
        for (Prepared prepared : byName.values()) {
            if (prepared.serverName().equals(serverName)) {
                return prepared;
            }
        }
        return null;
    }

    /** Puts back a statement whose Close did not happen. */
    void restore(String name, Prepared prepared) {
        if (byName == null) {
            byName = new HashMap<>();
        }
        byName.put(name, prepared);
    }

    void remove(String name) {
        if (byName != null) {
            byName.remove(name);
        }
    }

    void clear() {
        if (byName != null) {
            byName.clear();
        }
    }

    /** {@code pgwake_} and 128 bits of the definition's SHA-256: 39 characters, under PostgreSQL's 63. */
    String serverNameFor(byte[] definition) {
        if (digest == null) {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by the Java platform", e);
            }
        }
        byte[] hash = digest.digest(definition);
        return SERVER_PREFIX + HexFormat.of().formatHex(hash, 0, 16);
    }
}
