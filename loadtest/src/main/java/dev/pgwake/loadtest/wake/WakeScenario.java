package dev.pgwake.loadtest.wake;

import dev.pgwake.loadtest.branch.AdminConsole;
import dev.pgwake.loadtest.branch.PgwakeBranches;
import dev.pgwake.loadtest.branch.ResumeKind;
import dev.pgwake.loadtest.report.Formats;
import dev.pgwake.loadtest.report.RunReport;
import dev.pgwake.loadtest.run.ErrorTally;
import dev.pgwake.loadtest.scenario.RunContext;
import dev.pgwake.loadtest.scenario.Scenario;
import dev.pgwake.loadtest.scenario.ScenarioException;
import dev.pgwake.loadtest.scenario.Target;
import dev.pgwake.loadtest.stats.RepeatedLatencies;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code wake}: for each resume kind, put a branch to sleep through pgwake's admin console, then time a
 * client's connect-to-first-row through pgwake; beside it, in the same run, the bare server operation the
 * wake stands on ({@link BareSide}). Each repetition runs every kind, pgwake then bare, so slow drift on a
 * busy machine touches both sides alike. The first {@code warmup} repetitions are not counted.
 */
public final class WakeScenario implements Scenario {
    private final WakeSettings settings;

    public WakeScenario(WakeSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "wake";
    }

    @Override
    public RunReport run(RunContext context) throws ScenarioException, InterruptedException {
        ErrorTally errors = new ErrorTally();
        WakeReport report = new WakeReport(settings, context, Instant.now());
        PgwakeBranches branches = new PgwakeBranches(context.target(), new AdminConsole(settings.admin()));
        try (PgwakeSide pgwake = new PgwakeSide(branches, settings.branch(), settings.coldMode(), errors)) {
            report.pgwakeVersion(pgwake.open());
            try (BareSide bare = openBare(context, report)) {
                Results results = new Results(results(), bare == null ? null : results());
                measure(pgwake, bare, results, errors, report, context.progress());
                return report.build(results.pgwake(), results.bare(), errors);
            }
        }
    }

    /** Latencies per kind through pgwake and bare ({@code null} when the bare side does not run). */
    private record Results(Map<ResumeKind, RepeatedLatencies> pgwake, Map<ResumeKind, RepeatedLatencies> bare) {
    }

    private void measure(PgwakeSide pgwake, BareSide bare, Results results, ErrorTally errors, WakeReport report,
                         PrintStream progress) throws InterruptedException {
        int total = settings.warmup() + settings.repeat();
        long measuredFrom = System.nanoTime();
        for (int rep = 1; rep <= total; rep++) {
            boolean warmup = rep <= settings.warmup();
            if (rep == settings.warmup() + 1) {
                measuredFrom = System.nanoTime();
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "wake: %d/%d%s", rep, total,
                    warmup ? " (warmup)" : ""));
            for (ResumeKind kind : settings.kinds()) {
                pause();
                line.append("  ").append(kind.label()).append(' ')
                        .append(once(pgwake, kind, warmup, results.pgwake().get(kind), errors));
                if (bare != null) {
                    pause();
                    line.append(" / bare ").append(once(bare, kind, warmup, results.bare().get(kind), errors));
                }
            }
            if (progress != null) {
                progress.println(line);
            }
        }
        report.measuredSeconds((System.nanoTime() - measuredFrom) / 1e9);
    }

    private void pause() throws InterruptedException {
        if (!settings.pause().isZero()) {
            Thread.sleep(settings.pause().toMillis());
        }
    }

    /** One wake on one side: recorded unless in the warmup, failures counted either way; a progress cell. */
    private static String once(WakeSide side, ResumeKind kind, boolean warmup, RepeatedLatencies into, ErrorTally errors)
            throws InterruptedException {
        try {
            long nanos = side.wake(kind);
            if (!warmup) {
                into.recordNanos(nanos);
            }
            return Formats.ms(nanos / 1e6) + " ms";
        } catch (WakeFailure f) {
            if (!warmup) {
                into.recordError();
            }
            errors.record(side.name() + " " + kind.label() + " " + f.step() + " " + f.code() + (warmup ? " (warmup)" : ""),
                    f.getMessage());
            return "FAILED (" + f.step() + " " + f.code() + ")";
        }
    }

    private BareSide openBare(RunContext context, WakeReport report) throws ScenarioException, InterruptedException {
        BareSettings bare = settings.bare();
        if (bare == null) {
            report.note("The bare operations were not measured (no --bare-data-dir), so there is no overhead to show.");
            return null;
        }
        if (bare.missingProgram().isPresent()) {
            report.note("The bare operations were not measured: " + bare.missingProgram().get() + " (--bare-bin).");
            return null;
        }
        BareCluster cluster;
        try {
            cluster = BareCluster.create(bare);
        } catch (IOException e) {
            throw new ScenarioException("cannot create the bare cluster under " + bare.dataDir() + ": " + e.getMessage(), e);
        }
        Target target = new Target(WakeUrls.bare(context.target().url(), cluster.port()), "postgres", null);
        BareSide side = new BareSide(cluster, target);
        try {
            report.bare(cluster, target, side.open());
        } catch (WakeFailure e) {
            side.close();
            throw new ScenarioException("the bare cluster in " + cluster.root() + " did not start: " + e.getMessage(), e);
        }
        return side;
    }

    private Map<ResumeKind, RepeatedLatencies> results() {
        Map<ResumeKind, RepeatedLatencies> map = new EnumMap<>(ResumeKind.class);
        settings.kinds().forEach(k -> map.put(k, new RepeatedLatencies()));
        return map;
    }
}
