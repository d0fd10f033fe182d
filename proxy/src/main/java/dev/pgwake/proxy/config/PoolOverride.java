package dev.pgwake.proxy.config;

import java.time.Duration;

/**
 * One entry of {@code pool.overrides}: the pools it applies to (every matcher optional: absent matches
 * all) and the settings it changes (absent keeps the section's value). Later entries win.
 */
public record PoolOverride(String branch, String database, String user, PoolMode poolMode, Integer poolSize,
                           Integer minPoolSize, Integer reservePoolSize, Duration queryWaitTimeout,
                           Duration serverIdleTimeout, Duration serverLifetime, Duration idleTransactionTimeout,
                           Duration clientIdleTimeout) {

    boolean matches(String branchName, String databaseName, String userName) {
        return (branch == null || branch.equals(branchName)) && (database == null || database.equals(databaseName))
                && (user == null || user.equals(userName));
    }

    PoolSettings applyTo(PoolSettings base) {
        return new PoolSettings(or(poolMode, base.mode()), or(poolSize, base.poolSize()),
                or(minPoolSize, base.minPoolSize()), or(reservePoolSize, base.reservePoolSize()),
                base.reservePoolTimeout(), or(queryWaitTimeout, base.queryWaitTimeout()),
                or(serverIdleTimeout, base.serverIdleTimeout()), or(serverLifetime, base.serverLifetime()),
                base.serverCheckDelay(), or(idleTransactionTimeout, base.idleTransactionTimeout()),
                or(clientIdleTimeout, base.clientIdleTimeout()), base.maxPreparedStatements());
    }

    private static <T> T or(T value, T otherwise) {
        return value == null ? otherwise : value;
    }
}
