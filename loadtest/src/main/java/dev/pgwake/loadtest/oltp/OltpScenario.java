package dev.pgwake.loadtest.oltp;

import dev.pgwake.loadtest.process.ProcessProbe;
import dev.pgwake.loadtest.report.LatencySeries;
import dev.pgwake.loadtest.report.RunReport;
import dev.pgwake.loadtest.run.ClosedLoop;
import dev.pgwake.loadtest.run.ErrorTally;
import dev.pgwake.loadtest.run.WatchedProcess;
import dev.pgwake.loadtest.scenario.RunContext;
import dev.pgwake.loadtest.scenario.Scenario;
import dev.pgwake.loadtest.scenario.ScenarioException;
import dev.pgwake.loadtest.stats.IntervalSeries;
import dev.pgwake.loadtest.stats.LatencySummary;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * {@code oltp}: N clients running pgbench's read-only or TPC-B-like transactions as fast as they can, over
 * simple, extended or prepared statements. Reports throughput, latency percentiles (overall and per
 * interval) and errors; with a watched process, its CPU time per transaction and memory.
 *
 * @param initScale create the tables at this scale first; null to use the pgbench tables already there
 */
public record OltpScenario(Mix mix, QueryMode mode, Integer initScale) implements Scenario {

    @Override
    public String name() {
        return "oltp";
    }

    @Override
    public RunReport run(RunContext context) throws ScenarioException, InterruptedException {
        context.target().requireUnset("--mode", "preferQueryMode", "prepareThreshold");
        PrintStream progress = context.progress();
        Map<String, String> properties = mode.properties();
        int scale;
        String serverVersion;
        try (Connection c = context.target().connect(properties)) {
            serverVersion = c.getMetaData().getDatabaseProductVersion();
            scale = initScale != null ? OltpSchema.create(c, initScale, progress) : OltpSchema.existingScale(c);
        } catch (SQLException e) {
            throw new ScenarioException("cannot prepare the oltp run at " + context.target().redactedUrl() + ": "
                    + e.getMessage(), e);
        }
        if (scale < 1) {
            throw new ScenarioException("there are no pgbench tables at " + context.target().redactedUrl()
                    + ": run with --init --scale S, or create them with pgbench -i");
        }
        WatchedProcess watched = context.watchedProcess().map(OltpScenario::watch).orElse(null);
        ErrorTally errors = new ErrorTally();
        Instant started = Instant.now();
        ClosedLoop loop = new ClosedLoop(name(), context.plan(),
                i -> new OltpClient(context.target(), properties, mix, scale), errors, progress, watched);
        ClosedLoop.Outcome outcome = loop.run();
        return report(context, outcome, errors, watched, started, scale, serverVersion);
    }

    private static WatchedProcess watch(ProcessProbe probe) {
        return new WatchedProcess(probe);
    }

    private RunReport report(RunContext context, ClosedLoop.Outcome outcome, ErrorTally errors, WatchedProcess watched,
                             Instant started, int scale, String serverVersion) {
        IntervalSeries tx = outcome.transactions();
        LatencySummary summary = LatencySummary.of(tx.total());
        RunReport.Builder r = RunReport.builder(name()).label(context.label()).startedAt(started)
                .measuredSeconds(tx.measuredSeconds());
        r.settings(context.target().describe())
                .setting("server version", serverVersion)
                .setting("clients", context.plan().clients())
                .setting("run", context.plan().describe())
                .setting("mix", mix.option())
                .setting("query mode", mode.option() + " " + mode.properties())
                .setting("scale", scale + (initScale != null ? " (created by --init)" : " (existing pgbench tables)"))
                .setting("loadtest host", Runtime.getRuntime().availableProcessors() + " CPUs, Java "
                        + Runtime.version());
        r.figure("throughput_tps", "Throughput", tx.throughput(), "tx/s")
                .figure("transactions", "Transactions", tx.measuredCount(), "")
                .figure("errors", "Errors (measured phase)", tx.measuredErrors(), "");
        if (summary.count() > 0) {
            r.figure("latency_avg_ms", "Average latency", summary.meanMs(), "ms")
                    .figure("latency_p50_ms", "p50 latency", summary.p50Ms(), "ms")
                    .figure("latency_p95_ms", "p95 latency", summary.p95Ms(), "ms")
                    .figure("latency_p99_ms", "p99 latency", summary.p99Ms(), "ms")
                    .figure("latency_p999_ms", "p99.9 latency", summary.p999Ms(), "ms");
        }
        if (outcome.reconnects() > 0 || outcome.setupFailures() > 0) {
            r.figure("reconnects", "Reconnections", outcome.reconnects(), "")
                    .figure("setup_failures", "Clients that could not connect at the start", outcome.setupFailures(), "");
        }
        if (watched != null) {
            watched.report(r, tx.measuredCount());
        }
        r.latency(LatencySeries.of(tx, "One " + mix.option() + " transaction (pgbench "
                + (mix == Mix.READ_ONLY ? "-S" : "TPC-B-like") + "), from the first statement sent to the result of "
                + "the last, measured on the client."));
        r.errors(errors.counts());
        r.note("Clients run a closed loop (a new transaction as soon as the previous one ends), as pgbench does: "
                + "when the server stalls, fewer transactions are sent, so latencies understate what an open-loop "
                + "arrival rate would see (coordinated omission).");
        if (!context.plan().warmup().isZero()) {
            r.note("Warmup intervals are drawn shaded and are not counted in throughput, percentiles or the "
                    + "histogram; the error table covers the whole run, warmup included.");
        }
        if (!outcome.complete()) {
            r.note("Some clients had not finished their last transaction when the run gave up waiting for them.");
        }
        return r.build();
    }
}
