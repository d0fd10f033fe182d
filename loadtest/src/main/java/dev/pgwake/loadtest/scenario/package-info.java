/**
 * What every scenario shares: the {@link dev.pgwake.loadtest.scenario.Scenario} contract, the endpoint it
 * drives ({@link dev.pgwake.loadtest.scenario.Target}), how long and how wide it runs
 * ({@link dev.pgwake.loadtest.scenario.RunPlan}), and the pieces of a pgjdbc URL
 * ({@link dev.pgwake.loadtest.scenario.JdbcUrl}).
 *
 * <p>A scenario turns a {@link dev.pgwake.loadtest.scenario.RunContext} into a
 * {@link dev.pgwake.loadtest.report.RunReport}: named latency series (each with its per-interval history),
 * comparisons of repeated operations, timelines, headline figures and error counts. {@code wake} reports one
 * comparison row per resume kind (connect-to-first-row through pgwake beside the bare server operation);
 * {@code storm} one connect-to-first-row series plus figures read from pgwake's counters (resumes, errors);
 * {@code fleet} first-query latencies by what they found (running, idle, hot, warm, cold), branch-state and
 * wake timelines, and a compute-seconds-saved figure.
 */
package dev.pgwake.loadtest.scenario;
