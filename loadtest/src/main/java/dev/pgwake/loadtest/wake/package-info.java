/**
 * The {@code wake} scenario: connect-to-first-row latency per resume kind (hot, warm, cold) through pgwake,
 * its branch put to sleep through pgwake's admin console ({@link dev.pgwake.loadtest.wake.PgwakeSide}),
 * beside the bare server operation the wake stands on, measured in the same run on a throwaway cluster
 * ({@link dev.pgwake.loadtest.wake.BareSide}, {@link dev.pgwake.loadtest.wake.BareCluster}). Both sides
 * implement {@link dev.pgwake.loadtest.wake.WakeSide}; {@link dev.pgwake.loadtest.wake.WakeScenario}
 * alternates them and {@link dev.pgwake.loadtest.wake.WakeReport} turns the numbers into a report with one
 * {@link dev.pgwake.loadtest.report.Comparison}.
 *
 * <p>pgwake stays a black box: it is reached only over pgjdbc (the branch's URL and the admin console's).
 * Everything here runs on the scenario's one thread.
 */
package dev.pgwake.loadtest.wake;
