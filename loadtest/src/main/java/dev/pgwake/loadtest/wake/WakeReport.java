package dev.pgwake.loadtest.wake;

import dev.pgwake.loadtest.branch.ResumeKind;
import dev.pgwake.loadtest.report.Comparison;
import dev.pgwake.loadtest.report.ComparisonRow;
import dev.pgwake.loadtest.report.ErrorCount;
import dev.pgwake.loadtest.report.Repetitions;
import dev.pgwake.loadtest.report.RunReport;
import dev.pgwake.loadtest.run.ErrorTally;
import dev.pgwake.loadtest.scenario.Durations;
import dev.pgwake.loadtest.scenario.RunContext;
import dev.pgwake.loadtest.scenario.Target;
import dev.pgwake.loadtest.stats.RepeatedLatencies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Collects what the wake scenario learns along the way and turns its measurements into a {@link RunReport}. */
final class WakeReport {
    static final String TITLE = "Connect-to-first-row by resume kind";

    private final WakeSettings settings;
    private final RunReport.Builder builder;
    private final List<String> bareNotes = new ArrayList<>();
    private double measuredSeconds;

    WakeReport(WakeSettings settings, RunContext context, Instant started) {
        this.settings = settings;
        Target t = context.target();
        this.builder = RunReport.builder("wake").label(context.label()).startedAt(started)
                .settings(t.describe())
                .setting("admin url", settings.admin().redactedUrl())
                .setting("branch", settings.branch())
                .setting("kinds", settings.kinds().stream().map(ResumeKind::label).collect(Collectors.joining(",")))
                .setting("repetitions", settings.repeat() + " per kind, after " + settings.warmup() + " warmup")
                .setting("cold mode", settings.coldMode().label())
                .setting("client", "pgjdbc " + org.postgresql.util.DriverInfo.DRIVER_VERSION);
    }

    void pgwakeVersion(String serverVersion) {
        builder.setting("branch server_version", serverVersion);
    }

    void bare(BareCluster cluster, Target target, String serverVersion) {
        builder.setting("bare cluster", cluster.root() + " (port " + cluster.port() + ", OS user " + cluster.osUser() + ")")
                .setting("bare url", target.redactedUrl())
                .setting("bare server_version", serverVersion)
                .setting("bare settings", BareCluster.describeSettings());
    }

    void note(String note) {
        bareNotes.add(note);
    }

    void measuredSeconds(double seconds) {
        this.measuredSeconds = seconds;
    }

    RunReport build(Map<ResumeKind, RepeatedLatencies> pgwake, Map<ResumeKind, RepeatedLatencies> bare, ErrorTally errors) {
        List<ComparisonRow> rows = new ArrayList<>();
        for (ResumeKind kind : settings.kinds()) {
            Repetitions subject = Repetitions.of(pgwake.get(kind));
            Repetitions baseline = bare == null ? null : Repetitions.of(bare.get(kind));
            rows.add(ComparisonRow.of(kind.label(), subject, baseline));
        }
        for (ComparisonRow row : rows) {
            figures(row);
        }
        List<ErrorCount> counts = errors.counts();
        long mismatches = counts.stream().filter(c -> c.code().contains(" mismatch")).mapToLong(ErrorCount::count).sum();
        builder.figure("errors", "Errors (failed or mismatched wakes, warmup included)", errors.total(), "")
                .figure("resume_mismatches", "Wakes SHOW BRANCHES reported as another kind", mismatches, "")
                .comparison(new Comparison(TITLE, description(), "kind", "pgwake", "bare", rows))
                .errors(counts)
                .measuredSeconds(measuredSeconds);
        notes(bare != null);
        return builder.build();
    }

    private void figures(ComparisonRow row) {
        Double p50 = row.subject().summary().p50Ms();
        if (p50 != null) {
            builder.figure(row.name() + "_p50_ms", row.name() + " wake p50 through pgwake", p50, "ms");
        }
        if (row.overhead() != null && row.overhead().p95Ms() != null) {
            builder.figure(row.name() + "_overhead_p95_ms", row.name() + " overhead over bare at p95",
                    row.overhead().p95Ms(), "ms");
        }
    }

    private String description() {
        return "One client, one wake at a time: DriverManager.getConnection, select 1 and reading its row, timed. "
                + "Through pgwake the branch " + settings.branch() + " was first put to sleep through the admin console "
                + "(hot: SUSPEND BRANCH, warm: STOP BRANCH, cold: " + (settings.coldMode() == ColdMode.ARCHIVE
                ? "ARCHIVE BRANCH" : "a branch that does not exist yet, created by pgwake from its parent on connect")
                + "; not timed). Bare: the same operation on a plain PostgreSQL cluster without pgwake (hot: SIGCONT of "
                + "frozen processes, warm: start of a stopped server, cold: copy of a stopped data directory and start).";
    }

    private void notes(boolean bare) {
        builder.note("Each repetition runs every kind through pgwake" + (bare ? " and then bare" : "") + ", so both sides "
                + "share the machine's state; the first " + settings.warmup() + " repetitions are not counted (their "
                + "failures appear in the error table marked '(warmup)').");
        builder.note("A repetition is an error, and its latency is not recorded, when a step fails or when SHOW BRANCHES "
                + "afterwards does not give the kind asked for as the branch's last_resume.");
        builder.note("Each wake starts " + Durations.format(settings.pause()) + " after the one before ended, so that "
                + "none is measured while the one before still does its after-work.");
        builder.note("With " + settings.repeat() + " repetitions, p95 and p99 are among the slowest one or two values "
                + "(HdrHistogram's highest equivalent value, three significant digits); max is the slowest.");
        if (bare) {
            builder.note("Bare timings start with the operation itself: hot at kill -CONT (after SIGSTOP of the postmaster "
                    + "and all its children, not timed); warm at starting postgres on the stopped data directory; cold at "
                    + "cp -a of the stopped data directory to a new one, then starting postgres on the copy. Then a "
                    + "connection is attempted every " + BareSide.POLL_MS + " ms until select 1 answers.");
            builder.note("The bare cluster runs with " + BareCluster.describeSettings() + ", as pgwake's local driver "
                    + "configures its branches; another driver's branches may differ (e.g. fsync).");
            if (settings.kinds().contains(ResumeKind.COLD)) {
                builder.note(settings.coldMode() == ColdMode.ARCHIVE
                        ? "Cold through pgwake restores the branch from pgwake's own archive (its driver decides how, "
                        + "e.g. a compressed tar), while bare cold copies an uncompressed data directory: the overhead "
                        + "includes that difference."
                        : "Cold through pgwake creates a new branch from its parent (a consistent copy of a parent that "
                        + "may be running), while bare cold copies a stopped data directory.");
            }
        }
        bareNotes.forEach(builder::note);
    }
}
