package dev.pgwake.proxy.config;

import java.time.Duration;

/**
 * The settings of one pool (branch, database, user) once overrides are applied; PgBouncer's meanings.
 * A zero duration means off.
 */
public record PoolSettings(PoolMode mode, int poolSize, int minPoolSize, int reservePoolSize,
                           Duration reservePoolTimeout, Duration queryWaitTimeout, Duration serverIdleTimeout,
                           Duration serverLifetime, Duration serverCheckDelay, Duration idleTransactionTimeout,
                           Duration clientIdleTimeout, int maxPreparedStatements) {
}
