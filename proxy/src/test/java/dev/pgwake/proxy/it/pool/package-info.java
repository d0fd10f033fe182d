/**
 * Integration tests for transaction pooling (DESIGN.md, "Transaction pooling"), black box: pgwake in this JVM
 * with a {@code pool:} section, real PostgreSQL 15 clusters ({@link dev.pgwake.proxy.testing.PostgresFixture}),
 * real clients (pgjdbc, pgbench). What a pool does is observed from outside: {@code pg_backend_pid()} as the
 * client sees it, and {@code pg_stat_activity} read over a direct connection ({@link
 * dev.pgwake.proxy.it.pool.DirectServer}, {@link dev.pgwake.proxy.it.pool.BackendPeak}).
 *
 * <p>Each class works in databases of its own (named after the class), so a count of server backends per
 * database and user is the count of one pool's server connections. Every wait has a timeout (a class-level
 * {@code @Timeout} run in a separate thread, pgjdbc login and socket timeouts, {@link
 * dev.pgwake.proxy.it.pool.Await}, {@link dev.pgwake.proxy.it.pool.ConcurrentClients}); tests run in any order.
 */
package dev.pgwake.proxy.it.pool;
