/**
 * What every scenario shares: the {@link dev.pgwake.loadtest.scenario.Scenario} contract, the endpoint it
 * drives ({@link dev.pgwake.loadtest.scenario.Target}), how long and how wide it runs
 * ({@link dev.pgwake.loadtest.scenario.RunPlan}), and the scenarios that are designed but not written yet
 * ({@link dev.pgwake.loadtest.scenario.PlannedScenario}).
 *
 * <p>A scenario turns a {@link dev.pgwake.loadtest.scenario.RunContext} into a
 * {@link dev.pgwake.loadtest.report.RunReport}: named latency series (each with its per-interval history),
 * comparisons of repeated operations, headline figures and error counts. {@code wake} reports one
 * comparison row per resume kind (connect-to-first-row through pgwake beside the bare server operation);
 * the scenarios still to come fit the same shape: {@code storm} one series plus figures read from
 * pgwake's counters (resumes, errors), and {@code fleet} first-query series by resume kind plus a
 * compute-seconds-saved figure. Until they are written the command line lists them as not available.
 */
package dev.pgwake.loadtest.scenario;
