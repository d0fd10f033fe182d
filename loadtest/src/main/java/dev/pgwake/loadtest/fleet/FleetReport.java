package dev.pgwake.loadtest.fleet;

import dev.pgwake.loadtest.report.Comparison;
import dev.pgwake.loadtest.report.ComparisonRow;
import dev.pgwake.loadtest.report.LatencySeries;
import dev.pgwake.loadtest.report.Repetitions;
import dev.pgwake.loadtest.report.RunReport;
import dev.pgwake.loadtest.run.ErrorTally;
import dev.pgwake.loadtest.scenario.Durations;
import dev.pgwake.loadtest.scenario.RunContext;
import dev.pgwake.loadtest.stats.ComputeSaving;
import dev.pgwake.loadtest.stats.LatencySummary;
import dev.pgwake.loadtest.stats.RepeatedLatencies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Turns what the fleet measured into a {@link RunReport}. */
final class FleetReport {
    static final String TITLE = "First query after silence, by what it found";

    private final FleetSettings settings;
    private final RunReport.Builder builder;

    FleetReport(FleetSettings settings, RunContext context, Instant started) {
        this.settings = settings;
        this.builder = RunReport.builder("fleet").label(context.label()).startedAt(started)
                .settings(context.target().describe())
                .setting("admin url", settings.admin().redactedUrl())
                .setting("metrics", settings.metrics().uri())
                .setting("branches", settings.branches() + " (" + settings.prefix() + "-1 ... " + settings.prefix() + "-"
                        + settings.branches() + ", created from " + settings.parent() + " when missing)")
                .setting("burst", settings.burst() + " queries (select 1) back to back")
                .setting("silence", "exponential, mean " + Durations.format(settings.silenceMean()))
                .setting("duration", Durations.format(settings.duration()))
                .setting("connection", settings.connection().label())
                .setting("seed", settings.seed())
                .setting("client", "pgjdbc " + org.postgresql.util.DriverInfo.DRIVER_VERSION);
    }

    void created(List<String> names, double seconds) {
        builder.setting("created by this run", names.isEmpty() ? "none (all existed)"
                : names.size() + " branches in " + String.format(java.util.Locale.ROOT, "%.1f s", seconds));
        if (!names.isEmpty()) {
            builder.figure("branches_created", "Branches created before the traffic", names.size(), "");
        }
    }

    void note(String note) {
        builder.note(note);
    }

    RunReport build(FleetRun.Outcome outcome, ErrorTally errors) {
        Map<FirstQueryKind, RepeatedLatencies> byKind = byKind(outcome.bursts());
        List<ComparisonRow> rows = new ArrayList<>();
        byKind.forEach((kind, values) -> rows.add(ComparisonRow.of(kind.label(), Repetitions.of(values), null)));
        builder.measuredSeconds(outcome.seconds())
                .figure("bursts", "Bursts", outcome.bursts().size(), "")
                .figure("errors", "Errors (failed queries and connections)", errors.total(), "");
        saving(outcome.saving());
        kindFigures(byKind);
        LatencySummary first = LatencySummary.of(outcome.firstQueries().total());
        if (first.count() > 0) {
            builder.figure("latency_p99_ms", "First query after silence p99 (all kinds)", first.p99Ms(), "ms");
        }
        builder.comparison(new Comparison(TITLE, "Each agent's first query after a silence, timed from sending it (and "
                        + "connecting, in per-burst mode) to its row, grouped by what pgwake counted for that branch "
                        + "around it. Every burst is listed in the order it started.", "found", "pgwake", "-", rows))
                .timeline(outcome.timelines().states())
                .timeline(outcome.timelines().wakes())
                .latency(LatencySeries.of(outcome.firstQueries(), "The first query of each burst, every kind together."))
                .latency(LatencySeries.of(outcome.otherQueries(), "The other " + (settings.burst() - 1)
                        + " queries of each burst, sent back to back after the first."))
                .errors(errors.counts());
        notes();
        return builder.build();
    }

    private static Map<FirstQueryKind, RepeatedLatencies> byKind(List<Burst> bursts) {
        Map<FirstQueryKind, RepeatedLatencies> byKind = new EnumMap<>(FirstQueryKind.class);
        RepeatedLatencies failed = new RepeatedLatencies();
        for (Burst b : bursts) {
            if (b.failed()) {
                failed.recordError();
            } else {
                byKind.computeIfAbsent(b.kind(), k -> new RepeatedLatencies()).recordNanos(b.latencyNanos());
            }
        }
        if (failed.errors() > 0) {
            byKind.put(FirstQueryKind.UNCLEAR, merged(byKind.get(FirstQueryKind.UNCLEAR), failed));
        }
        return byKind;
    }

    /** The unclear bursts, then the failed ones as errors. */
    private static RepeatedLatencies merged(RepeatedLatencies unclear, RepeatedLatencies failed) {
        if (unclear == null) {
            return failed;
        }
        for (long i = 0; i < failed.errors(); i++) {
            unclear.recordError();
        }
        return unclear;
    }

    private void saving(ComputeSaving s) {
        builder.figure("saved_pct", "Compute saved against always-on", s.savedPercent(), "%")
                .figure("compute_seconds", "Compute seconds used (all fleet branches)", s.computeSeconds(), "s")
                .figure("always_on_seconds", "Always-on seconds (wall seconds x branches)", s.wallSeconds(), "s")
                .figure("computes_up_avg", "Computes up on average", s.averageUp(), "");
    }

    private void kindFigures(Map<FirstQueryKind, RepeatedLatencies> byKind) {
        byKind.forEach((kind, values) -> {
            builder.figure(kind.label() + "_bursts", "Bursts: " + kind.label(), values.count(), "");
            Double p50 = values.summary().p50Ms();
            if (p50 != null) {
                builder.figure(kind.label() + "_p50_ms", "First query p50: " + kind.label(), p50, "ms");
            }
        });
    }

    private void notes() {
        for (FirstQueryKind k : FirstQueryKind.values()) {
            builder.note("'" + k.label() + "': " + k.meaning() + ".");
        }
        builder.note("A burst is classified by pgwake's wake counters for its branch (pgwake_wakes_total) in a scrape of "
                + "/metrics sent after the previous burst ended against one sent after the first row arrived (each "
                + FleetAgent.COUNTER_GRACE.toMillis() + " ms later, as pgwake counts a wake just after releasing its "
                + "clients). Only the agent of a branch wakes it, so one wake between them is this query's. 'running' and "
                + "'idle' come from the branch's state in the first of the two scrapes, which may be up to one poll ("
                + settings.poll().toMillis() + " ms) old.");
        builder.note("Compute saved is 1 - (compute seconds / wall seconds) summed over the fleet's branches between "
                + "a scrape just before the agents started and one after they stopped (pgwake_branch_compute_seconds_total "
                + "and pgwake_branch_wall_seconds_total): wall seconds are what the branches would have used always on. "
                + "pgwake counts compute as up while a branch is running, idle, resuming or suspending.");
        builder.note("The saving depends on pgwake's lifecycle settings, not on loadtest: run pgwake with short "
                + "idle_after / suspend_after / stop_after for this scenario (see fleet --help).");
    }
}
