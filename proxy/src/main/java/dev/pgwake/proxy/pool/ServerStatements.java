package dev.pgwake.proxy.pool;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The prepared statements pgwake created on one server connection, by the server-side names pgwake chose,
 * least recently used first, at most {@code capacity}. A statement whose plan went stale (the server said
 * "cached plan must not change result type", on this connection or, for DDL changes every connection of
 * the database, on another one of the pool) is still on the server but must be closed before it is prepared
 * again. Used by whichever client holds the connection, one at a time.
 */
public final class ServerStatements {
    /** When a statement's plan was last found stale anywhere in the pool (System.nanoTime), if ever. */
    public interface Invalidations {
        Long staleSince(String name);
    }

    private final int capacity;
    private final Invalidations invalidations;
    /** Statement name to when it was prepared here (System.nanoTime), least recently used first. */
    private final LinkedHashMap<String, Long> prepared = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<String> stale = new HashSet<>();

    public ServerStatements(int capacity, Invalidations invalidations) {
        this.capacity = capacity;
        this.invalidations = invalidations;
    }

    /** True if the statement is prepared and usable; counts as a use. */
    public boolean has(String name) {
        Long preparedAt = prepared.get(name);
        if (preparedAt == null) {
            return false;
        }
        Long staleSince = invalidations.staleSince(name);
        if (staleSince != null && staleSince - preparedAt >= 0) {
            invalidate(name);
            return false;
        }
        return true;
    }

    public boolean isStale(String name) {
        return stale.contains(name);
    }

    /** The least recently used statement to close first, if preparing one more would pass the capacity. */
    public Optional<String> evictionCandidate() {
        if (prepared.size() < capacity) {
            return Optional.empty();
        }
        Iterator<String> oldest = prepared.keySet().iterator();
        String name = oldest.next();
        oldest.remove();
        return Optional.of(name);
    }

    public void added(String name) {
        stale.remove(name);
        prepared.put(name, System.nanoTime());
    }

    /** A Parse that did not happen (error, or skipped after one). */
    public void forget(String name) {
        prepared.remove(name);
    }

    /** Its plan went stale: close it before preparing it again. */
    public void invalidate(String name) {
        prepared.remove(name);
        stale.add(name);
    }

    /** Every statement is gone (DISCARD ALL, DEALLOCATE ALL). */
    public void clear() {
        prepared.clear();
        stale.clear();
    }

    public int size() {
        return prepared.size();
    }
}
