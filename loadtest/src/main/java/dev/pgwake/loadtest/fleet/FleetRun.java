package dev.pgwake.loadtest.fleet;

import dev.pgwake.loadtest.branch.PgwakeBranches;
import dev.pgwake.loadtest.branch.PgwakeMetrics;
import dev.pgwake.loadtest.branch.WakeCounts;
import dev.pgwake.loadtest.report.Formats;
import dev.pgwake.loadtest.run.ErrorTally;
import dev.pgwake.loadtest.stats.ComputeSaving;
import dev.pgwake.loadtest.stats.IntervalSample;
import dev.pgwake.loadtest.stats.IntervalSeries;
import dev.pgwake.loadtest.stats.LatencyRecorder;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/**
 * The fleet's traffic: one {@link FleetAgent} thread per branch for the run's duration, while the calling thread
 * samples latencies once per interval, records the branches' states and wakes ({@link FleetTimelines}) and prints
 * a progress line. pgwake's compute and wall seconds are read just before the agents start and after they stop.
 */
final class FleetRun {
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(90);

    /** What the traffic measured. */
    record Outcome(IntervalSeries firstQueries, IntervalSeries otherQueries, List<Burst> bursts, FleetTimelines timelines,
                   ComputeSaving saving, double seconds) {
    }

    private final FleetSettings settings;
    private final PgwakeBranches branches;
    private final MetricsWatcher watcher;
    private final ErrorTally errors;

    FleetRun(FleetSettings settings, PgwakeBranches branches, MetricsWatcher watcher, ErrorTally errors) {
        this.settings = settings;
        this.branches = branches;
        this.watcher = watcher;
        this.errors = errors;
    }

    Outcome run(Duration interval, PrintStream progress) throws IOException, InterruptedException {
        List<String> names = settings.branchNames();
        PgwakeMetrics first = settings.metrics().scrape();
        long start = System.nanoTime();
        Traffic traffic = new Traffic(branches, settings, watcher, new LatencyRecorder(), new LatencyRecorder(), errors,
                new ConcurrentLinkedQueue<>(), start, start + settings.duration().toNanos(), new CountDownLatch(1));
        List<Thread> agents = startAgents(names, traffic);
        FleetTimelines timelines = new FleetTimelines(names, first);
        IntervalSeries firstQueries = new IntervalSeries("first query after silence", traffic.firstQueries());
        IntervalSeries otherQueries = new IntervalSeries("other queries of a burst", traffic.otherQueries());
        try {
            sample(traffic, interval, firstQueries, otherQueries, timelines, progress);
        } finally {
            traffic.stop().countDown();
            for (Thread t : agents) {
                t.join(JOIN_TIMEOUT.toMillis());
            }
        }
        PgwakeMetrics last = lastScrape();
        List<Burst> bursts = new ArrayList<>(traffic.bursts());
        bursts.sort(Comparator.comparingDouble(Burst::startSeconds));
        return new Outcome(firstQueries, otherQueries, bursts, timelines,
                ComputeSaving.between(saving(first, names), saving(last, names)), (System.nanoTime() - start) / 1e9);
    }

    /** A scrape now; if pgwake's HTTP listener fails just then, the watcher's newest. */
    private PgwakeMetrics lastScrape() throws InterruptedException {
        try {
            return settings.metrics().scrape();
        } catch (IOException e) {
            return watcher.latest();
        }
    }

    private List<Thread> startAgents(List<String> names, Traffic traffic) {
        List<Thread> agents = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            Thread t = new Thread(new FleetAgent(names.get(i), traffic, new Random(settings.seed() + i)),
                    "fleet-" + names.get(i));
            t.setDaemon(true);
            agents.add(t);
            t.start();
        }
        return agents;
    }

    private void sample(Traffic traffic, Duration interval, IntervalSeries firstQueries, IntervalSeries otherQueries,
                        FleetTimelines timelines, PrintStream progress) throws InterruptedException {
        long last = traffic.startNanos();
        while (!traffic.over()) {
            long next = Math.min(last + interval.toNanos(), traffic.endNanos());
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            long now = System.nanoTime();
            IntervalSample s = firstQueries.sample(traffic.secondsSinceStart(last), traffic.secondsSinceStart(now), false);
            otherQueries.sample(traffic.secondsSinceStart(last), traffic.secondsSinceStart(now), false);
            WakeCounts wakes = timelines.add(traffic.secondsSinceStart(now), watcher.latest());
            last = now;
            if (progress != null) {
                progress.println(line(s, wakes, watcher.latest()));
            }
        }
    }

    private String line(IntervalSample s, WakeCounts wakes, PgwakeMetrics m) {
        return String.format(Locale.ROOT, "fleet [%6.1fs] bursts %s  first-query p50 %s ms  max %s ms  wakes %s  "
                        + "states %s  errors %s", s.endSeconds(), Formats.count(s.count() + s.errors()),
                Formats.ms(s.p50Ms()), Formats.ms(s.maxMs()), wakes.describe(),
                m.stateCounts(settings.branchNames()).toString().replaceAll("[{}]", ""), Formats.count(s.errors()));
    }

    private static ComputeSaving saving(PgwakeMetrics m, List<String> names) {
        double compute = 0;
        double wall = 0;
        for (String n : names) {
            compute += m.branch(n).computeSeconds();
            wall += m.branch(n).wallSeconds();
        }
        return new ComputeSaving(names.size(), compute, wall);
    }
}
