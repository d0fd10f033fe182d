package dev.pgwake.loadtest.idle;

import dev.pgwake.loadtest.process.ProcessProbe;
import dev.pgwake.loadtest.process.ProcessTree;
import dev.pgwake.loadtest.report.Formats;
import dev.pgwake.loadtest.report.LatencySeries;
import dev.pgwake.loadtest.report.RunReport;
import dev.pgwake.loadtest.run.ErrorTally;
import dev.pgwake.loadtest.scenario.RunContext;
import dev.pgwake.loadtest.scenario.Scenario;
import dev.pgwake.loadtest.scenario.ScenarioException;
import dev.pgwake.loadtest.stats.IntervalSeries;
import dev.pgwake.loadtest.stats.LatencyRecorder;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code idle}: opens K connections ({@code clients} of the plan) with a few opener threads, holds them
 * idle for the plan's duration, then checks which still answer and closes them. With a watched process
 * (the proxy or server behind the URL) it reports that process's resident memory before and after, per
 * open connection, and the same for the process with its children (PSS summed, so a PostgreSQL server's
 * backends count too). Connect latency is recorded like any other latency.
 *
 * @param openers     threads opening connections at once
 * @param checkAlive  whether to ask every connection for an answer after the hold ({@code isValid})
 * @param watchedHow  how the watched process was chosen, for the report (e.g. {@code --pid})
 */
public record IdleScenario(int openers, boolean checkAlive, String watchedHow) implements Scenario {

    public IdleScenario {
        if (openers < 1) {
            throw new IllegalArgumentException("openers must be at least 1, not " + openers);
        }
    }

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public RunReport run(RunContext context) throws ScenarioException, InterruptedException {
        Duration hold = context.plan().fixedDuration().orElseThrow(() ->
                new ScenarioException("idle holds its connections for a duration (--duration), not a number of transactions"));
        int k = context.plan().clients();
        PrintStream progress = context.progress();
        ProcessProbe watched = context.watchedProcess().orElse(null);
        List<String> limits = FileLimits.advice(ProcessProbe.self(), watched, k);
        if (progress != null) {
            limits.forEach(l -> progress.println("idle: " + l));
        }
        Instant started = Instant.now();
        Reading before = Reading.of(watched);
        LatencyRecorder recorder = new LatencyRecorder();
        IntervalSeries connects = new IntervalSeries("connect", recorder);
        ErrorTally errors = new ErrorTally();
        try (IdleConnections pool = new IdleConnections(context.target(), openers, recorder, errors)) {
            pool.open(k, connects, context.plan().interval(), progress);
            long peak = hold(hold, watched, pool, progress);
            Reading after = Reading.of(watched);
            int alive = checkAlive ? pool.countAlive() : -1;
            RunReport.Builder r = RunReport.builder(name()).label(context.label()).startedAt(started)
                    .measuredSeconds(connects.measuredSeconds() + hold.toMillis() / 1000.0);
            settings(r, context, k, hold, watched);
            r.figure("opened", "Connections opened", pool.opened(), "")
                    .figure("failed", "Connections that failed", connects.measuredErrors(), "");
            if (alive >= 0) {
                r.figure("alive_after_hold", "Still answering after the hold", alive, "");
            }
            memory(r, watched, before.rss(), after.rss(), peak, pool.opened());
            treeMemory(r, before.tree(), after.tree(), pool.opened());
            r.latency(LatencySeries.of(connects, "Opening one connection: TCP connect, startup and authentication, "
                    + "until pgjdbc has the server's ReadyForQuery; " + openers + " opener threads."));
            r.errors(errors.counts());
            limits.forEach(l -> r.note("Open files: " + l + "."));
            return r.build();
        }
    }

    /** The watched process's RSS and its tree's memory at one moment; nulls when nothing is watched. */
    private record Reading(Long rss, ProcessTree.Memory tree) {
        static Reading of(ProcessProbe watched) {
            return watched == null ? new Reading(null, null)
                    : new Reading(IdleScenario.rss(watched), new ProcessTree(watched.pid()).memory());
        }
    }

    private void settings(RunReport.Builder r, RunContext context, int k, Duration hold, ProcessProbe watched) {
        r.settings(context.target().describe())
                .setting("connections", k)
                .setting("hold", hold.toMillis() + " ms");
        if (watched != null) {
            r.setting("watched process", watched.pid() + " (" + watched.command() + "), chosen by " + watchedHow);
        } else {
            r.note("No process was watched (--pid), so memory per connection was not measured.");
        }
    }

    private static void memory(RunReport.Builder r, ProcessProbe watched, Long before, Long after, long peak, int opened) {
        if (watched == null || before == null || after == null) {
            return;
        }
        if (before < 0 || after < 0) {
            r.note("The watched process " + watched.pid() + " could not be read before or after the hold (has it exited?); "
                    + "no memory figures.");
            return;
        }
        r.figure("rss_before_bytes", "RSS before opening", before, "B")
                .figure("rss_after_bytes", "RSS after the hold", after, "B")
                .figure("rss_peak_bytes", "Highest RSS seen while holding", Math.max(peak, after), "B");
        if (opened > 0) {
            r.figure("bytes_per_connection", "Memory per open connection", (double) (after - before) / opened, "B");
        }
        r.note("Memory per connection is (RSS after the hold - RSS before opening) / connections opened, "
                + "from VmRSS in /proc/" + watched.pid() + "/status: resident memory of that one process. Memory of "
                + "other processes (e.g. server backends a proxy opens) is not included.");
        if (watched.command().equals("java")) {
            r.note("The watched process is a JVM: its RSS also moves with heap growth and garbage collection, so "
                    + "per-connection figures from a few hundred connections are rough; use thousands.");
        }
    }

    private static void treeMemory(RunReport.Builder r, ProcessTree.Memory before, ProcessTree.Memory after, int opened) {
        if (before == null || after == null || before.processes() == 0 || after.processes() == 0) {
            return;
        }
        r.figure("tree_processes_after", "Processes of the watched tree after the hold", after.processes(), "")
                .figure("tree_pss_before_bytes", "PSS of the watched process and its children before", before.pssBytes(), "B")
                .figure("tree_pss_after_bytes", "PSS of the watched process and its children after", after.pssBytes(), "B");
        if (opened > 0) {
            r.figure("tree_bytes_per_connection", "Memory per open connection, with child processes (PSS)",
                    (double) (after.pssBytes() - before.pssBytes()) / opened, "B");
        }
        r.note("Memory per connection with child processes is the change of the summed PSS (smaps_rollup) of the "
                + "watched process and all its descendants (" + before.processes() + " processes before, "
                + after.processes() + " after), divided by the connections opened: for PostgreSQL itself that counts "
                + "the backends, each shared page once.");
    }

    /** Waits {@code hold}, sampling the watched process's RSS each second; returns the highest seen. */
    private static long hold(Duration hold, ProcessProbe watched, IdleConnections pool, PrintStream progress)
            throws InterruptedException {
        long end = System.nanoTime() + hold.toNanos();
        long peak = 0;
        while (true) {
            long rss = watched == null ? -1 : rss(watched);
            peak = Math.max(peak, rss);
            if (progress != null) {
                progress.println(String.format(Locale.ROOT, "idle: holding %s connections%s", Formats.count(pool.opened()),
                        rss < 0 ? "" : ", watched process RSS " + Formats.bytes(rss)));
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return peak;
            }
            Thread.sleep(Math.min(1000, Math.max(1, left / 1_000_000)));
        }
    }

    private static long rss(ProcessProbe probe) {
        try {
            return probe.rssBytes();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }
}
