/**
 * What every scenario shares: the {@link dev.pgwake.loadtest.scenario.Scenario} contract, the endpoint it
 * drives ({@link dev.pgwake.loadtest.scenario.Target}), how long and how wide it runs
 * ({@link dev.pgwake.loadtest.scenario.RunPlan}), and the scenarios that are designed but cannot run yet
 * ({@link dev.pgwake.loadtest.scenario.PlannedScenario}).
 *
 * <p>A scenario turns a {@link dev.pgwake.loadtest.scenario.RunContext} into a
 * {@link dev.pgwake.loadtest.report.RunReport}: named latency series (each with its per-interval history),
 * headline figures and error counts. That shape is meant to carry the scenarios still to come:
 * {@code wake} reports one latency series per resume kind (connect-to-first-row, hot/warm/cold),
 * {@code storm} one series plus figures read from pgwake's counters (resumes, errors), and {@code fleet}
 * first-query series by resume kind plus a compute-seconds-saved figure. Those three also need to put
 * branches into a given state, which takes pgwake's admin interface; until it exists they are listed by
 * the command line as not available.
 */
package dev.pgwake.loadtest.scenario;
