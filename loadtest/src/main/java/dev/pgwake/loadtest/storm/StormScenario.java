package dev.pgwake.loadtest.storm;

import dev.pgwake.loadtest.branch.AdminConsole;
import dev.pgwake.loadtest.branch.BranchRow;
import dev.pgwake.loadtest.branch.PgwakeBranches;
import dev.pgwake.loadtest.branch.PgwakeMetrics;
import dev.pgwake.loadtest.report.RunReport;
import dev.pgwake.loadtest.run.ErrorTally;
import dev.pgwake.loadtest.scenario.RunContext;
import dev.pgwake.loadtest.scenario.Scenario;
import dev.pgwake.loadtest.scenario.ScenarioException;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code storm}: many clients connect at once to one sleeping branch. The branch is first reached (so it
 * exists and runs), then put to sleep through the admin console (SUSPEND, STOP or ARCHIVE BRANCH for a hot,
 * warm or cold resume); pgwake's wake counters are read from {@code /metrics}; the clients are released
 * together ({@link StormWave}); the counters are read again. Reports how many resumes the storm caused (one
 * is right: every client should join the same wake), errors by SQLSTATE, and connect-to-first-row latencies.
 */
public final class StormScenario implements Scenario {
    /** pgwake counts a wake on a worker thread just after the clients are let go: wait this long before reading. */
    static final Duration COUNTER_GRACE = Duration.ofMillis(300);

    private final StormSettings settings;

    public StormScenario(StormSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "storm";
    }

    @Override
    public RunReport run(RunContext context) throws ScenarioException, InterruptedException {
        PrintStream progress = context.progress();
        StormReport report = new StormReport(settings, context, Instant.now());
        try (PgwakeBranches branches = new PgwakeBranches(context.target(), new AdminConsole(settings.admin()))) {
            report.serverVersion(branches.reach(settings.branch()));
            putToSleep(branches, progress);
            Optional<PgwakeMetrics> before = scrape(report, "before");
            ErrorTally errors = new ErrorTally();
            StormWave.Outcome outcome;
            try (StormWave wave = new StormWave(branches, settings.branch(), settings.clients(), settings.threads(), errors)) {
                outcome = wave.run(settings.interval(), settings.timeout(), progress);
            }
            Thread.sleep(COUNTER_GRACE.toMillis());
            Optional<PgwakeMetrics> after = scrape(report, "after");
            report.lastResume(lastResume(branches, errors));
            before.ifPresent(b -> after.ifPresent(a -> report.wakes(a.branch(settings.branch()).wakes()
                    .minus(b.branch(settings.branch()).wakes()))));
            return report.build(outcome, errors);
        }
    }

    private void putToSleep(PgwakeBranches branches, PrintStream progress) throws ScenarioException {
        String branch = settings.branch();
        try {
            branches.sleep(branch, settings.kind());
            Optional<BranchRow> row = branches.admin().branch(branch);
            String state = row.map(BranchRow::state).orElse("(not listed)");
            if (!state.equals(settings.kind().sleepState())) {
                throw new ScenarioException("after " + settings.kind().sleepCommand(branch) + ", SHOW BRANCHES says "
                        + branch + " is " + state + ", not " + settings.kind().sleepState());
            }
        } catch (SQLException e) {
            throw new ScenarioException("cannot put branch " + branch + " to sleep: " + e.getMessage(), e);
        }
        if (progress != null) {
            progress.println("storm: " + branch + " is " + settings.kind().sleepState() + "; releasing "
                    + settings.clients() + " clients, " + settings.inFlight() + " at a time");
        }
    }

    /** The metrics now, or empty (with a note in the report) when pgwake's HTTP listener does not answer. */
    private Optional<PgwakeMetrics> scrape(StormReport report, String when) throws InterruptedException {
        try {
            return Optional.of(settings.metrics().scrape());
        } catch (IOException e) {
            report.metricsMissing(when, e.getMessage());
            return Optional.empty();
        }
    }

    /** SHOW BRANCHES' last_resume after the storm; a kind other than the one asked for is counted as an error. */
    private String lastResume(PgwakeBranches branches, ErrorTally errors) {
        try {
            String said = branches.admin().branch(settings.branch()).map(BranchRow::lastResume).orElse(null);
            if (!settings.kind().label().equals(said)) {
                errors.record("resume mismatch", "SHOW BRANCHES says the last resume of " + settings.branch() + " was "
                        + said + ", not " + settings.kind().label());
            }
            return said;
        } catch (SQLException e) {
            errors.record("check " + (e.getSQLState() == null ? "SQLException" : e.getSQLState()),
                    "SHOW BRANCHES after the storm: " + e.getMessage());
            return null;
        }
    }
}
