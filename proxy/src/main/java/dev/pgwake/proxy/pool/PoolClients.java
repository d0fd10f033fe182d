package dev.pgwake.proxy.pool;

import java.util.Map;

/**
 * The clients of one pool at a moment, as their sessions reported them: holding a server connection, waiting for
 * one (for the pool or for their branch to wake), and pinned to theirs, by pin reason name.
 */
public record PoolClients(int active, int waiting, Map<String, Integer> pinned) {
    public static final PoolClients NONE = new PoolClients(0, 0, Map.of());

    public PoolClients {
        pinned = Map.copyOf(pinned);
    }
}
