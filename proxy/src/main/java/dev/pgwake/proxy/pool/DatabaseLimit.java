package dev.pgwake.proxy.pool;

/**
 * {@code max_db_connections}: server connections of one database of one branch, across its users' pools.
 * Zero means no limit. Thread-safe.
 */
final class DatabaseLimit {
    private final int max;
    private int open;

    DatabaseLimit(int max) {
        this.max = max;
    }

    synchronized boolean tryAcquire() {
        if (max > 0 && open >= max) {
            return false;
        }
        open++;
        return true;
    }

    synchronized void release() {
        open--;
    }

    synchronized boolean full() {
        return max > 0 && open >= max;
    }
}
