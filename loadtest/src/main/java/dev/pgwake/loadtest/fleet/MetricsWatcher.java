package dev.pgwake.loadtest.fleet;

import dev.pgwake.loadtest.branch.MetricsEndpoint;
import dev.pgwake.loadtest.branch.PgwakeMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scrapes pgwake's {@code /metrics} over and over on one thread (every {@code pause} at most) and hands the
 * newest scrape to whoever asks, so that a hundred agents cost one scrape at a time. An agent that needs to
 * see what pgwake had counted by some moment waits for a scrape sent after it ({@link #awaitSentAfter}).
 */
final class MetricsWatcher implements AutoCloseable {
    private static final long JOIN_TIMEOUT_MS = 15_000;

    private final MetricsEndpoint endpoint;
    private final Duration pause;
    private final Thread thread;
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure = "";
    private PgwakeMetrics latest; // guarded by this
    private boolean closed; // guarded by this

    MetricsWatcher(MetricsEndpoint endpoint, Duration pause, PgwakeMetrics first) {
        this.endpoint = endpoint;
        this.pause = pause;
        this.latest = first;
        this.thread = new Thread(this::loop, "fleet-metrics");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized PgwakeMetrics latest() {
        return latest;
    }

    /** The first scrape sent at or after {@code nanos} ({@code System.nanoTime}), waiting at most {@code timeout}. */
    synchronized Optional<PgwakeMetrics> awaitSentAfter(long nanos, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (latest.startedNanos() - nanos < 0 && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return latest.startedNanos() - nanos < 0 ? Optional.empty() : Optional.of(latest);
    }

    /** Scrapes that failed so far, and the last reason. */
    long failures() {
        return failures.get();
    }

    String lastFailure() {
        return lastFailure;
    }

    private void loop() {
        while (!isClosed()) {
            long started = System.nanoTime();
            try {
                PgwakeMetrics m = endpoint.scrape();
                synchronized (this) {
                    latest = m;
                    notifyAll();
                }
            } catch (IOException e) {
                failures.incrementAndGet();
                lastFailure = e.getMessage();
            } catch (InterruptedException e) {
                return;
            }
            long rest = pause.toNanos() - (System.nanoTime() - started);
            if (rest > 0 && !sleep(rest)) {
                return;
            }
        }
    }

    private static boolean sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(JOIN_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
