/**
 * Integration tests: pgwake running in this JVM in front of real PostgreSQL servers, driven by real clients:
 * pgjdbc, and psql where it is installed. {@link dev.pgwake.proxy.it.Pgwake} runs it with the static driver over
 * the shared servers ({@link dev.pgwake.proxy.testing.PostgresFixture}) or with any driver from YAML; {@link
 * dev.pgwake.proxy.it.LocalPgwake} with the local driver running branches of its own; the http driver talks to
 * {@link dev.pgwake.proxy.it.FakeControlPlane}. Every wait has a timeout (a class-level {@code @Timeout} run in a
 * separate thread, pgjdbc login and socket timeouts, {@link dev.pgwake.proxy.it.Await}); every test makes its own
 * tables, branches, channels and application names, so the tests run in any order.
 */
package dev.pgwake.proxy.it;
