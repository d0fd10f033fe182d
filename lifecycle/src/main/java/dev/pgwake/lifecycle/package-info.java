/**
 * Branches and their computes: the {@link dev.pgwake.lifecycle.ComputeDriver} contract the proxy
 * calls to make a branch's PostgreSQL reachable, and the drivers behind it.
 *
 * <p>Plain Java: nothing in this module imports Netty. Drivers never block their caller; they
 * complete a {@link java.util.concurrent.CompletableFuture} instead. Failures carry the SQLSTATE the
 * proxy sends to clients ({@link dev.pgwake.lifecycle.LifecycleException#sqlState()}).
 *
 * <p>Sub-packages: {@code local} runs PostgreSQL clusters on this machine.
 */
package dev.pgwake.lifecycle;
