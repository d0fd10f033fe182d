package dev.pgwake.proxy.it.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches one pool from the server side while a test runs: a thread reads {@code pg_stat_activity} over a direct
 * connection every few milliseconds and keeps the largest number of client backends seen for the pool's
 * database and user, and every pid seen. {@link #close} stops it and reports a failure of the sampling itself.
 */
final class BackendPeak implements AutoCloseable {
    private static final long PAUSE_MILLIS = 5;

    private final String where;
    private final String database;
    private final String user;
    private final Connection direct;
    private final Thread sampler;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<Integer> pids = new TreeSet<>();
    private int peak;
    private int samples;
    private List<Integer> atPeak = List.of();
    private SQLException failure;

    private BackendPeak(DirectServer server, String database, String user) throws SQLException {
        this.where = user + "@" + database + " on " + server.hostPort();
        this.database = database;
        this.user = user;
        this.direct = server.connect("postgres");
        this.sampler = new Thread(this::sample, "backend-peak-" + database);
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts watching the pool of ({@code database}, {@code user}) on {@code server}. */
    static BackendPeak watch(DirectServer server, String database, String user) throws SQLException {
        return new BackendPeak(server, database, user);
    }

    private void sample() {
        try {
            while (running.get()) {
                List<Integer> now = DirectServer.backends(direct, database, user);
                synchronized (this) {
                    samples++;
                    pids.addAll(now);
                    if (now.size() > peak) {
                        peak = now.size();
                        atPeak = now;
                    }
                }
                TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
            }
        } catch (SQLException e) {
            synchronized (this) {
                failure = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The largest number of backends seen at once so far. */
    synchronized int peak() {
        return peak;
    }

    /** What the peak was, for a failure message. */
    synchronized String describe() {
        return "at most " + peak + " backends of " + where + " at once (pids " + atPeak + ") in "
                + samples + " samples; " + pids.size() + " distinct pids seen";
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        sampler.join(TimeUnit.SECONDS.toMillis(30));
        direct.close();
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            if (samples == 0) {
                throw new IllegalStateException("pg_stat_activity was never sampled for " + where);
            }
        }
    }
}
