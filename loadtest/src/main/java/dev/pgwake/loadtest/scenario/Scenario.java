package dev.pgwake.loadtest.scenario;

import dev.pgwake.loadtest.report.RunReport;

/**
 * One way of loading a PostgreSQL endpoint and measuring what it does. Implementations take their own
 * settings through their constructor and everything common (target, clients, duration, progress) from the
 * {@link RunContext}.
 */
public interface Scenario {

    /** The name on the command line and in reports, e.g. {@code oltp}. */
    String name();

    /**
     * Runs to the end of the plan and reports what happened. Failures during the run (a query error, a
     * dropped connection) are counted in the report, not thrown.
     *
     * @throws ScenarioException when the scenario cannot run at all, e.g. no connection can be made or its
     *                           tables are missing; the message says what to do
     */
    RunReport run(RunContext context) throws ScenarioException, InterruptedException;
}
