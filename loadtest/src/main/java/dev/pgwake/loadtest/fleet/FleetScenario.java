package dev.pgwake.loadtest.fleet;

import dev.pgwake.loadtest.branch.AdminConsole;
import dev.pgwake.loadtest.branch.PgwakeBranches;
import dev.pgwake.loadtest.branch.PgwakeMetrics;
import dev.pgwake.loadtest.report.RunReport;
import dev.pgwake.loadtest.run.ErrorTally;
import dev.pgwake.loadtest.scenario.JdbcUrl;
import dev.pgwake.loadtest.scenario.RunContext;
import dev.pgwake.loadtest.scenario.Scenario;
import dev.pgwake.loadtest.scenario.ScenarioException;
import dev.pgwake.loadtest.scenario.Target;
import java.io.IOException;
import java.time.Instant;

/**
 * {@code fleet}: many branches, each with bursty, mostly idle traffic, against a pgwake whose lifecycle timers
 * are short, so branches keep going to sleep and waking up. Creates the branches that are missing (from the
 * parent, through the admin console), runs one agent per branch ({@link FleetAgent}) for the duration, and
 * reports the first query after each silence by what it found (running, idle, hot, warm, cold) and the compute
 * seconds the fleet used against always on. Needs pgwake's {@code /metrics}.
 */
public final class FleetScenario implements Scenario {
    private final FleetSettings settings;

    public FleetScenario(FleetSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "fleet";
    }

    @Override
    public RunReport run(RunContext context) throws ScenarioException, InterruptedException {
        Target target = context.target();
        requireNoBranchInUrl(target);
        PgwakeMetrics first = firstScrape();
        FleetReport report = new FleetReport(settings, context, Instant.now());
        ErrorTally errors = new ErrorTally();
        try (PgwakeBranches branches = new PgwakeBranches(target, new AdminConsole(settings.admin()))) {
            FleetBranches fleet = new FleetBranches(branches.admin());
            fleet.ensure(settings.branchNames(), settings.parent(), context.progress());
            report.created(fleet.created(), fleet.creationSeconds());
            FleetRun.Outcome outcome;
            try (MetricsWatcher watcher = new MetricsWatcher(settings.metrics(), settings.poll(), first)) {
                outcome = new FleetRun(settings, branches, watcher, errors).run(context.plan().interval(), context.progress());
                if (watcher.failures() > 0) {
                    report.note(watcher.failures() + " scrapes of /metrics failed during the run (last: "
                            + watcher.lastFailure() + "); bursts whose scrapes were missing are 'unclear'.");
                }
            } catch (IOException e) {
                throw new ScenarioException("pgwake's /metrics stopped answering: " + e.getMessage(), e);
            } finally {
                if (settings.dropCreated()) {
                    fleet.dropCreated(errors);
                }
            }
            return report.build(outcome, errors);
        }
    }

    /** Every agent picks its own branch, so the URL must not pick one. */
    private static void requireNoBranchInUrl(Target target) throws ScenarioException {
        target.requireUnset("fleet (each agent picks its branch with options=--branch=NAME)", "options");
        if (JdbcUrl.parse(target.url(), "").database().contains("@")) {
            throw new ScenarioException("the URL's database names a branch (db@branch): fleet picks one per agent; "
                    + "give the database alone");
        }
    }

    private PgwakeMetrics firstScrape() throws ScenarioException, InterruptedException {
        try {
            return settings.metrics().scrape();
        } catch (IOException e) {
            throw new ScenarioException("fleet reads pgwake's wake counters and compute seconds from " + settings.metrics().uri()
                    + ", which did not answer: " + e.getMessage() + ". Give --http-url if pgwake's HTTP listener is elsewhere.", e);
        }
    }
}
