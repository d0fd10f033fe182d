package dev.pgwake.loadtest.idle;

import dev.pgwake.loadtest.report.Formats;
import dev.pgwake.loadtest.run.ErrorTally;
import dev.pgwake.loadtest.scenario.Target;
import dev.pgwake.loadtest.stats.IntervalSample;
import dev.pgwake.loadtest.stats.IntervalSeries;
import dev.pgwake.loadtest.stats.LatencyRecorder;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many idle connections to one target, opened, checked and closed by a fixed number of threads. Each
 * connect and check is bounded by the target's timeouts, so every wait here ends.
 */
final class IdleConnections implements AutoCloseable {
    private static final int VALID_TIMEOUT_S = 5;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(120);

    private final Target target;
    private final LatencyRecorder recorder;
    private final ErrorTally errors;
    private final int openers;
    private final ExecutorService threads;
    private final ConcurrentLinkedQueue<Connection> open = new ConcurrentLinkedQueue<>();
    private final AtomicInteger opened = new AtomicInteger();

    IdleConnections(Target target, int openers, LatencyRecorder recorder, ErrorTally errors) {
        this.target = target;
        this.recorder = recorder;
        this.errors = errors;
        this.openers = openers;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(openers, r -> {
            Thread t = new Thread(r, "idle-opener-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens {@code k} connections, sampling connect latencies into {@code series} once per interval. */
    void open(int k, IntervalSeries series, Duration interval, PrintStream progress) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(k);
        long start = System.nanoTime();
        for (int i = 0; i < k; i++) {
            threads.execute(() -> {
                long t0 = System.nanoTime();
                try {
                    open.add(target.connect(Map.of()));
                    recorder.recordNanos(System.nanoTime() - t0);
                    opened.incrementAndGet();
                } catch (SQLException | RuntimeException e) {
                    recorder.recordError();
                    errors.record(e);
                } finally {
                    done.countDown();
                }
            });
        }
        long last = start;
        boolean finished = false;
        while (!finished) {
            finished = done.await(interval.toNanos(), TimeUnit.NANOSECONDS);
            long now = System.nanoTime();
            IntervalSample s = series.sample((last - start) / 1e9, (now - start) / 1e9, false);
            last = now;
            if (progress != null) {
                progress.println(String.format(Locale.ROOT, "idle [%6.1fs] opened %s/%s  %s conn/s  p99 %s ms  failed %s",
                        s.endSeconds(), Formats.count(opened.get()), Formats.count(k), Formats.rate(s.throughput()),
                        Formats.ms(s.p99Ms()), Formats.count(s.errors())));
            }
        }
    }

    int opened() {
        return opened.get();
    }

    /** How many open connections still answer ({@code isValid}, {@value #VALID_TIMEOUT_S} s each). */
    int countAlive() throws InterruptedException {
        List<Connection> all = List.copyOf(open);
        AtomicInteger alive = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(all.size());
        for (Connection c : all) {
            threads.execute(() -> {
                try {
                    if (c.isValid(VALID_TIMEOUT_S)) {
                        alive.incrementAndGet();
                    }
                } catch (SQLException | RuntimeException e) {
                    errors.record(e);
                } finally {
                    done.countDown();
                }
            });
        }
        // each check waits at most VALID_TIMEOUT_S; the threads run them openers at a time
        long bound = 60L + VALID_TIMEOUT_S * ((all.size() + openers - 1L) / openers);
        done.await(bound, TimeUnit.SECONDS);
        return alive.get();
    }

    /** Closes every connection (bounded by {@link #CLOSE_TIMEOUT}) and stops the threads. */
    @Override
    public void close() {
        for (Connection c; (c = open.poll()) != null; ) {
            Connection toClose = c;
            threads.execute(() -> {
                try {
                    toClose.close();
                } catch (SQLException e) {
                    // already broken: nothing to release
                }
            });
        }
        threads.shutdown();
        try {
            threads.awaitTermination(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            threads.shutdownNow();
        }
    }
}
