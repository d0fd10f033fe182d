package dev.pgwake.proxy.pool;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a pool knows of the prepared statements its connections were asked to prepare, by the server-side
 * names pgwake chose: those a server accepted (a client's Parse of one needs no server connection), and those
 * whose plan went stale and since when (DDL changes every connection's copy; copies prepared before are
 * closed and prepared again). Bounded: past {@value #LIMIT} entries a set starts afresh, which only costs a
 * Parse or a failure found once more. Thread-safe.
 */
final class PoolStatements implements ServerStatements.Invalidations {
    private static final int LIMIT = 10_000;

    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> stale = new ConcurrentHashMap<>();

    void accepted(String statement) {
        if (accepted.size() >= LIMIT) {
            accepted.clear();
        }
        accepted.add(statement);
    }

    boolean knows(String statement) {
        return accepted.contains(statement);
    }

    void planChanged(String statement) {
        if (stale.size() >= LIMIT) {
            stale.clear();
        }
        stale.put(statement, System.nanoTime());
    }

    @Override
    public Long staleSince(String statement) {
        return stale.isEmpty() ? null : stale.get(statement);
    }
}
