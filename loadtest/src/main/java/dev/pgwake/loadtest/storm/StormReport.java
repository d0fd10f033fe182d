package dev.pgwake.loadtest.storm;

import dev.pgwake.loadtest.branch.WakeCounts;
import dev.pgwake.loadtest.report.LatencySeries;
import dev.pgwake.loadtest.report.RunReport;
import dev.pgwake.loadtest.run.ErrorTally;
import dev.pgwake.loadtest.scenario.RunContext;
import dev.pgwake.loadtest.stats.LatencySummary;
import java.time.Instant;

/** Collects what the storm learns along the way and turns its measurements into a {@link RunReport}. */
final class StormReport {
    private final StormSettings settings;
    private final RunReport.Builder builder;
    private WakeCounts wakes;
    private String lastResume;

    StormReport(StormSettings settings, RunContext context, Instant started) {
        this.settings = settings;
        this.builder = RunReport.builder("storm").label(context.label()).startedAt(started)
                .settings(context.target().describe())
                .setting("admin url", settings.admin().redactedUrl())
                .setting("metrics", settings.metrics().uri())
                .setting("branch", settings.branch())
                .setting("resume kind", settings.kind().label() + " (" + settings.kind().sleepCommand(settings.branch())
                        + " first)")
                .setting("clients", settings.clients())
                .setting("threads", settings.threads() + " (clients in flight at once: " + settings.inFlight() + ")")
                .setting("timeout", settings.timeout().toMillis() + " ms")
                .setting("client", "pgjdbc " + org.postgresql.util.DriverInfo.DRIVER_VERSION);
    }

    void serverVersion(String version) {
        builder.setting("branch server_version", version);
    }

    void metricsMissing(String when, String why) {
        builder.note("pgwake's metrics could not be read " + when + " the storm (" + why + "), so the resumes it caused "
                + "are not counted; give --http-url if pgwake's HTTP listener is elsewhere.");
    }

    void lastResume(String said) {
        this.lastResume = said;
    }

    void wakes(WakeCounts delta) {
        this.wakes = delta;
    }

    RunReport build(StormWave.Outcome outcome, ErrorTally errors) {
        LatencySummary s = LatencySummary.of(outcome.firstRows().total());
        builder.measuredSeconds(outcome.firstRows().measuredSeconds())
                .figure("clients", "Clients released at once", settings.clients(), "")
                .figure("answered", "Clients that got their first row", outcome.answered(), "")
                .figure("errors", "Errors (failed clients, wrong resume kind)", errors.total(), "");
        if (wakes != null) {
            builder.figure("resumes", "Resumes during the storm (pgwake's wake counter)", wakes.total(), "")
                    .figure("failed_wakes", "Failed wakes during the storm", wakes.failed(), "")
                    .figure("wake_timeouts", "Waits that reached wake_timeout", wakes.timeouts(), "")
                    .setting("wakes counted", wakes.describe());
        }
        if (s.count() > 0) {
            builder.figure("first_row_p50_ms", "Connect-to-first-row p50", s.p50Ms(), "ms")
                    .figure("first_row_p95_ms", "Connect-to-first-row p95", s.p95Ms(), "ms")
                    .figure("latency_p99_ms", "Connect-to-first-row p99", s.p99Ms(), "ms")
                    .figure("first_row_max_ms", "Connect-to-first-row max", s.maxMs(), "ms")
                    .figure("storm_span_ms", "Release to the last first row", outcome.lastAnswerSeconds() * 1000, "ms");
        }
        builder.setting("last resume (SHOW BRANCHES)", lastResume == null ? "(none)" : lastResume)
                .timeline(outcome.progress())
                .latency(LatencySeries.of(outcome.firstRows(), "Each client's DriverManager.getConnection, select 1 and "
                        + "reading its row, timed from its own connect; sampled every "
                        + settings.interval().toMillis() + " ms since the start barrier opened."))
                .errors(errors.counts());
        notes(outcome);
        return builder.build();
    }

    private void notes(StormWave.Outcome outcome) {
        builder.note("The clients run on a fixed pool of " + settings.threads() + " threads (Java 17, no virtual "
                + "threads): a start barrier releases the first " + settings.inFlight() + " together once every thread "
                + "waits at it; " + (settings.clients() > settings.inFlight() ? "the other "
                + (settings.clients() - settings.inFlight()) + " start as threads come free, so they may find the branch "
                + "awake already. Each latency is timed from that client's own connect. Use --threads "
                + settings.clients() + " to have every client in flight at once." : "every client is in flight at once."));
        builder.note("One resume is the right count: every client that arrives while the branch wakes should join the "
                + "same wake. The count is the change of pgwake_wakes_total{branch=\"" + settings.branch() + "\"} between "
                + "a scrape of /metrics just before the release and one " + StormScenario.COUNTER_GRACE.toMillis()
                + " ms after the last client finished.");
        builder.note("Errors are counted by SQLSTATE (pgjdbc's class name when there is none); 'resume mismatch' means "
                + "SHOW BRANCHES named another kind than " + settings.kind().label() + " as the branch's last resume.");
        if (!outcome.complete()) {
            builder.note("The storm did not finish within " + settings.timeout().toMillis() + " ms: clients still "
                    + "waiting then are neither answered nor failed.");
        }
    }
}
