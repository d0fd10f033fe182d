/**
 * The {@code local} driver ({@link dev.pgwake.lifecycle.local.LocalDriver}): one PostgreSQL cluster
 * per branch under a data root, a catalog that survives restarts ({@code BranchCatalog}), freezing
 * with SIGSTOP of the whole process tree ({@code ProcessTree}, {@code Signals}), archives in the data
 * root's storage area ({@code Storage}) and consistent copies for new branches ({@code DataCopy}).
 *
 * <p>Underneath, PostgreSQL clusters on this machine: finding the binaries ({@link
 * dev.pgwake.lifecycle.local.PostgresBinaries}), choosing the operating-system user the servers run as
 * ({@link dev.pgwake.lifecycle.local.OsUser}; PostgreSQL refuses to run as root), and initialising,
 * starting and stopping one data directory ({@link dev.pgwake.lifecycle.local.PostgresCluster}).
 *
 * <p>Every external program is started through {@link java.lang.ProcessBuilder} with its output
 * redirected to a file, never inherited from the JVM (one exception: the long-lived signalling shell of
 * {@code Signals}, whose one-line answers are read from its pipe), and every wait has a timeout. Calls here block:
 * drivers run them on their own executor, never on a caller's thread.
 *
 * <p>Readiness is decided by a real connection attempt (a hand-written StartupMessage, see
 * {@code ReadinessProbe}), not by {@code pg_ctl -w}, which polls only every 100 ms.
 */
package dev.pgwake.lifecycle.local;
