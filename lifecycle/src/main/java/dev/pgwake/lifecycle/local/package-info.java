/**
 * PostgreSQL clusters on this machine: finding the binaries ({@link
 * dev.pgwake.lifecycle.local.PostgresBinaries}), choosing the operating-system user the servers run as
 * ({@link dev.pgwake.lifecycle.local.OsUser}; PostgreSQL refuses to run as root), and initialising,
 * starting and stopping one data directory ({@link dev.pgwake.lifecycle.local.PostgresCluster}).
 *
 * <p>Every external program is started through {@link java.lang.ProcessBuilder} with its output
 * redirected to a file, never inherited from the JVM, and every wait has a timeout. Calls here block:
 * drivers run them on their own executor, never on a caller's thread.
 *
 * <p>Readiness is decided by a real connection attempt (a hand-written StartupMessage, see
 * {@code ReadinessProbe}), not by {@code pg_ctl -w}, which polls only every 100 ms.
 */
package dev.pgwake.lifecycle.local;
