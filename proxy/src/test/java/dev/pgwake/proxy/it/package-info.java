/**
 * Integration tests: pgwake running in this JVM ({@link dev.pgwake.proxy.it.Pgwake}, static driver) in front of
 * real PostgreSQL servers ({@link dev.pgwake.proxy.testing.PostgresFixture}), driven by real clients: pgjdbc,
 * and psql where it is installed. Every wait has a timeout (a class-level {@code @Timeout} run in a separate
 * thread, pgjdbc login and socket timeouts, {@link dev.pgwake.proxy.it.Await}); every test makes its own
 * tables, channels and application names, so the tests run in any order.
 */
package dev.pgwake.proxy.it;
