package dev.pgwake.proxy.pool;

import java.util.Map;

/**
 * One pool as operators see it (SHOW POOLS, SHOW STATS, the HTTP API, metrics): its state now, whether it is
 * paused, its clients, and its totals since it was created.
 */
public record PoolView(PoolStats stats, boolean paused, PoolClients clients, long queries, long receivedBytes,
                       long sentBytes, Map<String, Long> pinsTotal) {
    public PoolView {
        pinsTotal = Map.copyOf(pinsTotal);
    }

    /** {@code pool} now, with {@code clients} as its sessions reported them. */
    public static PoolView of(ServerPool pool, PoolClients clients) {
        PoolCounters counters = pool.counters();
        return new PoolView(pool.stats(), pool.paused(), clients, counters.queries(), counters.receivedBytes(),
                counters.sentBytes(), counters.pins());
    }

    public PoolKey key() {
        return stats.key();
    }

    /** Average wait for a server connection per lease, in microseconds (0 before the first lease). */
    public long averageWaitMicros() {
        return stats.leases() == 0 ? 0 : stats.waitMicros() / stats.leases();
    }
}
