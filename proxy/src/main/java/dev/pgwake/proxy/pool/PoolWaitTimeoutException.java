package dev.pgwake.proxy.pool;

import dev.pgwake.proxy.protocol.SqlState;

import java.time.Duration;

/** A client waited longer than {@code query_wait_timeout} for a server connection of its pool. */
public final class PoolWaitTimeoutException extends RuntimeException {
    public PoolWaitTimeoutException(PoolKey key, Duration timeout, int poolSize) {
        super("no server connection of pool " + key + " became free within query_wait_timeout ("
                + timeout.toMillis() + " ms); all " + poolSize + " are in use: raise pool_size or shorten transactions",
                null, false, false);
    }

    public String sqlState() {
        return SqlState.TOO_MANY_CONNECTIONS;
    }
}
