/**
 * Branches and their computes. {@link dev.pgwake.lifecycle.Branches} is the one API the proxy uses:
 * {@code ensureRunning(branch)} (single flight per branch, bounded by {@code wake_timeout}, never
 * refused while the branch goes to sleep), activity reports that drive the idle policy ({@link
 * dev.pgwake.lifecycle.IdlePolicy}: RUNNING -> IDLE -> SUSPENDED -> STOPPED -> ARCHIVED), operator
 * commands, {@code SHOW BRANCHES} rows ({@link dev.pgwake.lifecycle.BranchInfo}, with compute and
 * wall time, kept across restarts by drivers with a catalog: {@link
 * dev.pgwake.lifecycle.ComputeUsage}) and the cached ParameterStatus values of each branch. {@link
 * dev.pgwake.lifecycle.BranchListener} is how the proxy hears that a branch is about to sleep (close
 * its server connections) and of every state change.
 *
 * <p>States and transitions are {@link dev.pgwake.lifecycle.BranchState}: one table, one {@code
 * transitionTo} per branch ({@code Branch}), illegal moves throw. {@code SUSPENDING} covers every way
 * down (suspend, stop, archive, drop); the target is kept beside it.
 *
 * <p>Threads: nothing here blocks its caller, except {@code Branches.close}, which waits (bounded) for
 * the last compute accounts to be saved. Driver work ({@link dev.pgwake.lifecycle.ComputeDriver},
 * blocking by contract) runs on the coordinator's workers; timers (idle steps, wake deadlines, the
 * grace for listeners) on its scheduler; both are injectable, with the clock, so tests run on fake
 * time. Each branch's state is guarded by its own monitor, never held across driver calls or listener
 * calls, and never two at once.
 *
 * <p>Plain Java: nothing in this module imports Netty. Failures carry the SQLSTATE the proxy sends to
 * clients ({@link dev.pgwake.lifecycle.LifecycleException#sqlState()}).
 *
 * <p>Drivers: {@link dev.pgwake.lifecycle.StaticDriver} (fixed endpoints, always on), {@code local}
 * (PostgreSQL clusters on this machine) and {@code http} (a control plane).
 */
package dev.pgwake.lifecycle;
