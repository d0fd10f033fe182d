package dev.pgwake.loadtest.fleet;

import dev.pgwake.loadtest.branch.PgwakeBranches;
import dev.pgwake.loadtest.run.ErrorTally;
import dev.pgwake.loadtest.stats.LatencyRecorder;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What every fleet agent shares: where the branches are, the settings, the metrics watcher, where latencies,
 * errors and bursts go, when the traffic began and ends ({@code System.nanoTime}), and the signal to stop early.
 * Everything in it is safe to use from any thread.
 */
record Traffic(PgwakeBranches branches, FleetSettings settings, MetricsWatcher watcher, LatencyRecorder firstQueries,
               LatencyRecorder otherQueries, ErrorTally errors, Queue<Burst> bursts, long startNanos, long endNanos,
               CountDownLatch stop) {

    boolean over() {
        return stop.getCount() == 0 || System.nanoTime() - endNanos >= 0;
    }

    /** Waits {@code nanos}, or less when the traffic ends first; false once it is over. */
    boolean pause(long nanos) throws InterruptedException {
        long wait = Math.min(nanos, endNanos - System.nanoTime());
        if (wait > 0 && stop.await(wait, TimeUnit.NANOSECONDS)) {
            return false;
        }
        return !over();
    }

    double secondsSinceStart(long nanos) {
        return (nanos - startNanos) / 1e9;
    }
}
