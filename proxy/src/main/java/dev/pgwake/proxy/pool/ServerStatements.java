package dev.pgwake.proxy.pool;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The prepared statements pgwake created on one server connection, by the server-side names pgwake chose,
 * least recently used first, at most {@code capacity}. A statement whose plan went stale (the server said
 * "cached plan must not change result type") is still on the server but must be closed before it is
 * prepared again. Used by whichever client holds the connection, one at a time.
 */
public final class ServerStatements {
    private final int capacity;
    private final LinkedHashMap<String, Boolean> prepared = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<String> stale = new HashSet<>();

    public ServerStatements(int capacity) {
        this.capacity = capacity;
    }

    /** True if the statement is prepared and usable; counts as a use. */
    public boolean has(String name) {
        return prepared.get(name) != null;
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
        prepared.put(name, Boolean.TRUE);
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
