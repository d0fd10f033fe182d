package dev.pgwake.loadtest.run;

import dev.pgwake.loadtest.scenario.RunPlan;
import dev.pgwake.loadtest.scenario.ScenarioException;
import dev.pgwake.loadtest.stats.IntervalSample;
import dev.pgwake.loadtest.stats.IntervalSeries;
import dev.pgwake.loadtest.stats.LatencyRecorder;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * N virtual clients in a closed loop: each connects, waits for the common start, then runs transactions
 * back to back until the plan's duration has passed or its transaction budget is spent. The calling
 * thread samples latencies once per interval (intervals end exactly at the warmup's end) and prints
 * a progress line. A failed transaction is counted and the client carries on; a broken connection is
 * opened again, each failed attempt counted as an error.
 */
public final class ClosedLoop {
    /** How long clients may take to connect before the run starts without the stragglers. */
    static final Duration SETUP_TIMEOUT = Duration.ofSeconds(90);
    /** How long after the end clients may take to finish their last transaction (a socket timeout and some). */
    static final Duration FINISH_TIMEOUT = Duration.ofSeconds(75);
    private static final long RECONNECT_PAUSE_MS = 100;

    /** One virtual client; every method is called on that client's own thread. */
    public interface Client {
        void connect() throws SQLException;

        void transaction() throws SQLException;

        /** True when the connection is unusable and must be opened again. */
        boolean broken();

        /** Closes the connection, if open; never throws. */
        void close();
    }

    /** Told when the measured phase starts (after the warmup) and when the run has ended. */
    public interface PhaseListener {
        void measuringStarted();

        void ended();
    }

    /** What a run measured; {@code complete} is false when some clients did not finish in time. */
    public record Outcome(IntervalSeries transactions, long setupFailures, long reconnects, double runSeconds,
                          boolean complete) {
    }

    private final String scenario;
    private final RunPlan plan;
    private final IntFunction<Client> clients;
    private final ErrorTally errors;
    private final PrintStream progress;
    private final PhaseListener listener;

    private final LatencyRecorder recorder = new LatencyRecorder();
    private final LongAdder setupFailures = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final AtomicLong budget = new AtomicLong();
    private volatile boolean measuring;
    private volatile boolean stop;
    private volatile long stopAtNanos = Long.MAX_VALUE;

    /**
     * @param clients  makes client {@code i} (0-based)
     * @param progress where progress lines go; null for none
     * @param listener told about phases; null for none
     */
    public ClosedLoop(String scenario, RunPlan plan, IntFunction<Client> clients, ErrorTally errors,
                      PrintStream progress, PhaseListener listener) {
        this.scenario = scenario;
        this.plan = plan;
        this.clients = clients;
        this.errors = errors;
        this.progress = progress;
        this.listener = listener == null ? new PhaseListener() {
            @Override
            public void measuringStarted() {
            }

            @Override
            public void ended() {
            }
        } : listener;
    }

    public Outcome run() throws InterruptedException, ScenarioException {
        int n = plan.clients();
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(n);
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Client client = clients.apply(i);
            Thread t = new Thread(() -> clientLoop(client, ready, gate, done), scenario + "-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        boolean allReady = ready.await(SETUP_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        if (setupFailures.sum() == n) {
            stop = true;
            gate.countDown();
            done.await(FINISH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            throw new ScenarioException("none of the " + n + " clients could connect; first error: "
                    + errors.counts().get(0).firstMessage());
        }
        if (!allReady && progress != null) {
            progress.println(scenario + ": " + ready.getCount() + " clients still connecting after "
                    + SETUP_TIMEOUT.toSeconds() + "s; starting without waiting for them");
        }
        return sample(gate, done);
    }

    private Outcome sample(CountDownLatch gate, CountDownLatch done) throws InterruptedException {
        IntervalSeries series = new IntervalSeries("transaction", recorder);
        long interval = plan.interval().toNanos();
        long start = System.nanoTime();
        long warmupEnd = start + plan.warmup().toNanos();
        boolean warmup = !plan.warmup().isZero();
        plan.fixedDuration().ifPresent(d -> stopAtNanos = warmupEnd + d.toNanos());
        plan.transactionBudget().ifPresent(budget::set);
        measuring = !warmup;
        if (measuring) {
            listener.measuringStarted();
        }
        recorder.takeInterval(); // drop anything recorded before the start (nothing should be)
        gate.countDown();
        long last = start;
        boolean complete = true;
        while (true) {
            long next = last + interval;
            if (warmup && next > warmupEnd) {
                next = warmupEnd;
            }
            boolean finished;
            if (!warmup && next >= stopAtNanos) {
                // the last interval runs until every client has finished its last transaction
                finished = done.await(Math.max(0, stopAtNanos - System.nanoTime()) + FINISH_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
                complete = finished;
                stop = true;
                finished = true;
            } else {
                finished = done.await(Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            long now = System.nanoTime();
            IntervalSample s = series.sample(seconds(last - start), seconds(now - start), warmup);
            if (progress != null) {
                progress.println(ProgressLine.format(scenario, s));
            }
            last = now;
            if (finished) {
                break;
            }
            if (warmup && now >= warmupEnd) {
                warmup = false;
                measuring = true;
                listener.measuringStarted();
            }
        }
        listener.ended();
        return new Outcome(series, setupFailures.sum(), reconnects.sum(), seconds(last - start), complete);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private void clientLoop(Client client, CountDownLatch ready, CountDownLatch gate, CountDownLatch done) {
        boolean connected = false;
        try {
            try {
                client.connect();
                connected = true;
            } catch (SQLException | RuntimeException e) {
                errors.record(e);
                setupFailures.increment();
            }
            ready.countDown();
            gate.await();
            while (proceed()) {
                if (!connected || client.broken()) {
                    connected = reconnect(client);
                    if (!connected) {
                        continue;
                    }
                }
                long t0 = System.nanoTime();
                try {
                    client.transaction();
                    recorder.recordNanos(System.nanoTime() - t0);
                } catch (SQLException e) {
                    recorder.recordError();
                    errors.record(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a bug, not a database failure: count it and retire this client so it shows
            recorder.recordError();
            errors.record(e);
        } finally {
            client.close();
            done.countDown();
        }
    }

    private boolean reconnect(Client client) throws InterruptedException {
        client.close();
        try {
            client.connect();
            reconnects.increment();
            return true;
        } catch (SQLException e) {
            recorder.recordError();
            errors.record(e);
            Thread.sleep(RECONNECT_PAUSE_MS);
            return false;
        }
    }

    /** Whether to start another transaction. */
    private boolean proceed() {
        if (stop) {
            return false;
        }
        if (stopAtNanos != Long.MAX_VALUE) {
            return System.nanoTime() < stopAtNanos;
        }
        return !measuring || budget.getAndDecrement() > 0;
    }
}
