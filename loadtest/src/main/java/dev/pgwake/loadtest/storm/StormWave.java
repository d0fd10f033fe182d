package dev.pgwake.loadtest.storm;

import dev.pgwake.loadtest.branch.PgwakeBranches;
import dev.pgwake.loadtest.report.Formats;
import dev.pgwake.loadtest.report.Timeline;
import dev.pgwake.loadtest.run.ErrorTally;
import dev.pgwake.loadtest.scenario.SelectOne;
import dev.pgwake.loadtest.stats.IntervalSample;
import dev.pgwake.loadtest.stats.IntervalSeries;
import dev.pgwake.loadtest.stats.LatencyRecorder;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clients of one storm: each opens a connection to the branch and runs {@code select 1}, timed from its
 * connect to the first row; the connection is then held until the storm is over. A fixed pool of threads
 * runs them (Java 17: no virtual threads), so at most that many are in flight at once; a start barrier
 * ({@link CountDownLatch}) releases the first pool-full together once every thread is waiting at it, and the
 * remaining clients start as threads come free. The calling thread samples the latencies once per interval.
 */
final class StormWave implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    /** What the storm measured: latencies per interval, the answered-so-far timeline, when the last row came. */
    record Outcome(IntervalSeries firstRows, Timeline progress, int answered, int failed, double lastAnswerSeconds,
                   boolean complete) {
    }

    private final PgwakeBranches branches;
    private final String branch;
    private final int clients;
    private final ExecutorService threads;
    private final int poolSize;
    private final LatencyRecorder recorder = new LatencyRecorder();
    private final ErrorTally errors;
    private final ConcurrentLinkedQueue<Connection> held = new ConcurrentLinkedQueue<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong lastAnswerNanos = new AtomicLong();

    StormWave(PgwakeBranches branches, String branch, int clients, int poolSize, ErrorTally errors) {
        this.branches = branches;
        this.branch = branch;
        this.clients = clients;
        this.poolSize = poolSize;
        this.errors = errors;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(poolSize, r -> {
            Thread t = new Thread(r, "storm-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Releases the clients together and samples until every one has answered or failed, or {@code timeout}. */
    Outcome run(Duration interval, Duration timeout, PrintStream progress) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(Math.min(clients, poolSize));
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            threads.execute(() -> client(ready, start, done));
        }
        ready.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        long released = System.nanoTime();
        recorder.takeInterval(); // nothing is recorded before the release
        start.countDown();
        return sample(released, done, interval, timeout, progress);
    }

    private Outcome sample(long released, CountDownLatch done, Duration interval, Duration timeout, PrintStream progress)
            throws InterruptedException {
        IntervalSeries series = new IntervalSeries("connect-to-first-row", recorder);
        List<Double> seconds = new ArrayList<>(List.of(0.0));
        List<Double> ok = new ArrayList<>(List.of(0.0));
        List<Double> bad = new ArrayList<>(List.of(0.0));
        List<Double> waiting = new ArrayList<>(List.of(0.0));
        long deadline = released + timeout.toNanos();
        long last = released;
        boolean finished = false;
        while (!finished && System.nanoTime() - deadline < 0) {
            finished = done.await(Math.min(interval.toNanos(), Math.max(1, deadline - System.nanoTime())), TimeUnit.NANOSECONDS);
            long now = System.nanoTime();
            IntervalSample s = series.sample((last - released) / 1e9, (now - released) / 1e9, false);
            last = now;
            seconds.add(s.endSeconds());
            ok.add((double) answered.get());
            bad.add((double) failed.get());
            waiting.add((double) (started.get() - answered.get() - failed.get()));
            if (progress != null) {
                progress.println(line(s));
            }
        }
        long lastAnswer = lastAnswerNanos.get();
        Timeline timeline = new Timeline("Clients during the storm", "Counted at the end of each interval since the "
                + "start barrier opened: clients that had their first row, clients that failed, and clients that had "
                + "started (connect sent) but had neither yet.", "clients", seconds, List.of(
                new Timeline.Line("answered", ok), new Timeline.Line("failed", bad), new Timeline.Line("waiting", waiting)));
        return new Outcome(series, timeline, answered.get(), failed.get(),
                lastAnswer == 0 ? 0 : (lastAnswer - released) / 1e9, finished);
    }

    private String line(IntervalSample s) {
        return String.format(Locale.ROOT, "storm [%6.2fs] answered %s/%s  waiting %s  p99 %s ms  failed %s",
                s.endSeconds(), Formats.count(answered.get()), Formats.count(clients),
                Formats.count(started.get() - answered.get() - failed.get()), Formats.ms(s.p99Ms()),
                Formats.count(failed.get()));
    }

    private void client(CountDownLatch ready, CountDownLatch start, CountDownLatch done) {
        try {
            ready.countDown();
            start.await();
            started.incrementAndGet();
            long t0 = System.nanoTime();
            Connection c = branches.connect(branch);
            held.add(c);
            SelectOne.run(c);
            long t1 = System.nanoTime();
            recorder.recordNanos(t1 - t0);
            lastAnswerNanos.accumulateAndGet(t1, Math::max);
            answered.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            recorder.recordError();
            errors.record(e);
            failed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done.countDown();
        }
    }

    /** Closes every held connection (bounded by {@link #CLOSE_TIMEOUT}) and stops the threads. */
    @Override
    public void close() {
        threads.shutdownNow(); // clients still waiting at the barrier or queued are abandoned
        ExecutorService closers = Executors.newFixedThreadPool(Math.max(1, Math.min(16, poolSize)));
        for (Connection c; (c = held.poll()) != null; ) {
            Connection toClose = c;
            closers.execute(() -> {
                try {
                    toClose.close();
                } catch (SQLException e) {
                    // already broken: nothing to release
                }
            });
        }
        closers.shutdown();
        try {
            closers.awaitTermination(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
