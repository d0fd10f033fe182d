package dev.pgwake.proxy.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code pool:} how clients share server connections, with PgBouncer's names and defaults: a pool per
 * (branch, database, user) of at most {@code pool_size} server connections, in {@code transaction} mode
 * unless a pool says {@code session}. {@code max_client_conn} counts every client of the proxy;
 * {@code max_db_connections} (0: no limit) the server connections of one database of one branch across users.
 */
public record PoolConfig(PoolMode poolMode, Integer poolSize, Integer minPoolSize, Integer reservePoolSize,
                         Duration reservePoolTimeout, Integer maxClientConn, Integer maxDbConnections,
                         Duration queryWaitTimeout, Duration serverIdleTimeout, Duration serverLifetime,
                         Duration serverCheckDelay, Duration idleTransactionTimeout, Duration clientIdleTimeout,
                         Integer maxPreparedStatements, List<PoolOverride> overrides) {
    public PoolConfig {
        poolMode = poolMode == null ? PoolMode.TRANSACTION : poolMode;
        poolSize = atLeast("pool.pool_size", poolSize == null ? 20 : poolSize, 1);
        minPoolSize = atLeast("pool.min_pool_size", minPoolSize == null ? 0 : minPoolSize, 0);
        reservePoolSize = atLeast("pool.reserve_pool_size", reservePoolSize == null ? 0 : reservePoolSize, 0);
        reservePoolTimeout = reservePoolTimeout == null ? Duration.ofSeconds(5) : reservePoolTimeout;
        maxClientConn = atLeast("pool.max_client_conn", maxClientConn == null ? 10_000 : maxClientConn, 1);
        maxDbConnections = atLeast("pool.max_db_connections", maxDbConnections == null ? 0 : maxDbConnections, 0);
        queryWaitTimeout = queryWaitTimeout == null ? Duration.ofSeconds(120) : queryWaitTimeout;
        serverIdleTimeout = serverIdleTimeout == null ? Duration.ofSeconds(600) : serverIdleTimeout;
        serverLifetime = serverLifetime == null ? Duration.ofSeconds(3600) : serverLifetime;
        serverCheckDelay = serverCheckDelay == null ? Duration.ofSeconds(30) : serverCheckDelay;
        idleTransactionTimeout = idleTransactionTimeout == null ? Duration.ZERO : idleTransactionTimeout;
        clientIdleTimeout = clientIdleTimeout == null ? Duration.ZERO : clientIdleTimeout;
        maxPreparedStatements = atLeast("pool.max_prepared_statements",
                maxPreparedStatements == null ? 200 : maxPreparedStatements, 1);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        for (int i = 0; i < overrides.size(); i++) {
            PoolOverride override = overrides.get(i);
            if (override.poolSize() != null && override.poolSize() < 1) {
                throw new IllegalArgumentException("pool.overrides[" + i + "].pool_size must be at least 1");
            }
        }
    }

    static PoolConfig defaults() {
        return new PoolConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The settings of the pool (branch, database, user): this section's, then every matching override in order. */
    public PoolSettings settingsFor(String branch, String database, String user) {
        PoolSettings settings = new PoolSettings(poolMode, poolSize, minPoolSize, reservePoolSize, reservePoolTimeout,
                queryWaitTimeout, serverIdleTimeout, serverLifetime, serverCheckDelay, idleTransactionTimeout,
                clientIdleTimeout, maxPreparedStatements);
        for (PoolOverride override : overrides) {
            if (override.matches(branch, database, user)) {
                settings = override.applyTo(settings);
            }
        }
        return settings;
    }

    private static int atLeast(String key, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(key + " must be at least " + minimum + ", not " + value);
        }
        return value;
    }
}
