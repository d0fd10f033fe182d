package dev.pgwake.proxy.pool;

/**
 * One pool at a moment: leased and idle server connections, those being opened, clients waiting, and
 * totals since start (leases, wait time in microseconds, the longest wait of a client waiting now).
 */
public record PoolStats(PoolKey key, String mode, int poolSize, int active, int idle, int opening, int waiting,
                        long leases, long waitMicros, long maxWaitMicros) {
}
