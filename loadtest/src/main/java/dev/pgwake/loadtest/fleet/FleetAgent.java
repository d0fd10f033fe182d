package dev.pgwake.loadtest.fleet;

import dev.pgwake.loadtest.branch.PgwakeMetrics;
import dev.pgwake.loadtest.branch.WakeCounts;
import dev.pgwake.loadtest.scenario.SelectOne;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;

/**
 * One branch's traffic, the way an AI agent or a cron job talks to its database: after a random first wait, a
 * burst of queries ({@code select 1}) back to back, then silence for a random time (exponential around the
 * mean), again and again. The first query of each burst is timed (with the connect in per-burst mode; a held
 * connection is opened before the first wait, and after a failure again before the query is timed) and
 * classified by what pgwake counted for the branch around it: the wake counters from a scrape sent after the
 * previous burst ended against one sent after the first row arrived ({@link FirstQueryKind}).
 */
final class FleetAgent implements Runnable {
    /** pgwake counts a wake on a worker thread just after releasing the clients: scrapes wait this long more. */
    static final Duration COUNTER_GRACE = Duration.ofMillis(100);
    static final Duration SCRAPE_WAIT = Duration.ofSeconds(15);

    private final String branch;
    private final Traffic traffic;
    private final Random random;
    private Connection connection;

    FleetAgent(String branch, Traffic traffic, Random random) {
        this.branch = branch;
        this.traffic = traffic;
        this.random = random;
    }

    @Override
    public void run() {
        try {
            long mean = traffic.settings().silenceMean().toNanos();
            if (traffic.settings().connection() == FleetSettings.Connection.HOLD) {
                openHeld();
            }
            if (!traffic.pause((long) (random.nextDouble() * mean))) {
                return;
            }
            long lastEnd = System.nanoTime();
            while (!traffic.over()) {
                burst(lastEnd);
                lastEnd = System.nanoTime();
                if (!traffic.pause(silence(mean))) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            traffic.errors().record(e); // a bug, not a database failure: count it so it shows
        } finally {
            closeConnection();
        }
    }

    /** Opens the connection a holding agent keeps, before its first silence (not timed; a failure is counted). */
    private void openHeld() {
        try {
            connection = traffic.branches().connect(branch);
        } catch (SQLException e) {
            traffic.errors().record(e);
        }
    }

    /** An exponential silence with mean {@code meanNanos}. */
    private long silence(long meanNanos) {
        return (long) (-meanNanos * Math.log(1 - random.nextDouble()));
    }

    private void burst(long lastEnd) throws InterruptedException {
        Optional<PgwakeMetrics> before = traffic.watcher().awaitSentAfter(lastEnd + COUNTER_GRACE.toNanos(), SCRAPE_WAIT);
        boolean hold = traffic.settings().connection() == FleetSettings.Connection.HOLD;
        long t0 = System.nanoTime();
        try {
            if (connection == null) {
                connection = traffic.branches().connect(branch);
                t0 = hold ? System.nanoTime() : t0; // a held connection's (re)connect is not part of the first query
            }
            SelectOne.run(connection);
        } catch (SQLException e) {
            traffic.firstQueries().recordError();
            traffic.errors().record(e);
            traffic.bursts().add(new Burst(branch, traffic.secondsSinceStart(t0), null, -1));
            closeConnection();
            return;
        }
        long t1 = System.nanoTime();
        traffic.firstQueries().recordNanos(t1 - t0);
        Optional<PgwakeMetrics> after = traffic.watcher().awaitSentAfter(t1 + COUNTER_GRACE.toNanos(), SCRAPE_WAIT);
        traffic.bursts().add(new Burst(branch, traffic.secondsSinceStart(t0), classify(before, after), t1 - t0));
        rest();
        if (!hold) {
            closeConnection();
        }
    }

    private FirstQueryKind classify(Optional<PgwakeMetrics> before, Optional<PgwakeMetrics> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return FirstQueryKind.UNCLEAR;
        }
        PgwakeMetrics.Branch b = before.get().branch(branch);
        WakeCounts delta = after.get().branch(branch).wakes().minus(b.wakes());
        return FirstQueryKind.classify(delta, b.state());
    }

    /** The burst's other queries, each timed; a failure ends the burst. */
    private void rest() {
        for (int i = 1; i < traffic.settings().burst(); i++) {
            long t0 = System.nanoTime();
            try {
                SelectOne.run(connection);
                traffic.otherQueries().recordNanos(System.nanoTime() - t0);
            } catch (SQLException e) {
                traffic.otherQueries().recordError();
                traffic.errors().record(e);
                closeConnection();
                return;
            }
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // broken already: nothing to release
            }
            connection = null;
        }
    }
}
