/**
 * pgwake's branches as loadtest reaches them from outside, the same way for every scenario that drives them
 * ({@code wake}, {@code storm}, {@code fleet}): a client picks a branch with {@code options=--branch=NAME}
 * ({@link dev.pgwake.loadtest.branch.PgwakeBranches}); the admin console (the virtual database {@code pgwake},
 * simple query mode; {@link dev.pgwake.loadtest.branch.AdminConsole}) lists branches and puts them to sleep;
 * the HTTP listener's {@code /metrics} ({@link dev.pgwake.loadtest.branch.MetricsEndpoint}, Prometheus text)
 * gives each branch's state, compute and wall seconds and wake counters
 * ({@link dev.pgwake.loadtest.branch.PgwakeMetrics}). pgwake stays a black box: nothing here imports its code.
 */
package dev.pgwake.loadtest.branch;
