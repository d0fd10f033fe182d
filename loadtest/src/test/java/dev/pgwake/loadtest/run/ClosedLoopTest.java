package dev.pgwake.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.loadtest.scenario.RunPlan;
import dev.pgwake.loadtest.scenario.ScenarioException;
import dev.pgwake.loadtest.stats.IntervalSample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client loop with clients that need no database: what it counts, when it stops, how it samples. */
@Timeout(60)
class ClosedLoopTest {

    /** A client whose transactions sleep {@code micros}; every {@code failEvery}-th fails; it can break. */
    private static class FakeClient implements ClosedLoop.Client {
        final AtomicInteger connects;
        final AtomicInteger transactions;
        final int failEvery;
        final boolean breakOnFailure;
        boolean broken;
        int mine;

        FakeClient(AtomicInteger connects, AtomicInteger transactions, int failEvery, boolean breakOnFailure) {
            this.connects = connects;
            this.transactions = transactions;
            this.failEvery = failEvery;
            this.breakOnFailure = breakOnFailure;
        }

        @Override
        public void connect() {
            connects.incrementAndGet();
            broken = false;
        }

        @Override
        public void transaction() throws SQLException {
            transactions.incrementAndGet();
            if (failEvery > 0 && ++mine % failEvery == 0) {
                broken = breakOnFailure;
                throw new SQLException("failed on purpose", breakOnFailure ? "08006" : "40001");
            }
            try {
                Thread.sleep(0, 200_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public boolean broken() {
            return broken;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aTransactionBudgetIsExactWithoutWarmup() throws Exception {
        AtomicInteger connects = new AtomicInteger();
        AtomicInteger tx = new AtomicInteger();
        ClosedLoop loop = new ClosedLoop("t", RunPlan.forTransactions(4, 1_000, Duration.ZERO),
                i -> new FakeClient(connects, tx, 0, false), new ErrorTally(), null, null);
        ClosedLoop.Outcome o = loop.run();
        assertEquals(1_000, o.transactions().measuredCount());
        assertEquals(1_000, tx.get(), "no transaction started beyond the budget");
        assertEquals(4, connects.get());
        assertTrue(o.complete());
    }

    @Test
    void aDurationRunSamplesEveryIntervalAndKeepsTheWarmupApart() throws Exception {
        AtomicInteger tx = new AtomicInteger();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        AtomicInteger phases = new AtomicInteger();
        ClosedLoop.PhaseListener listener = new ClosedLoop.PhaseListener() {
            @Override
            public void measuringStarted() {
                phases.compareAndSet(0, 1);
            }

            @Override
            public void ended() {
                phases.compareAndSet(1, 2);
            }
        };
        RunPlan plan = new RunPlan(2, Duration.ofMillis(600), null, Duration.ofMillis(300), Duration.ofMillis(200));
        ClosedLoop.Outcome o = new ClosedLoop("t", plan, i -> new FakeClient(new AtomicInteger(), tx, 0, false),
                new ErrorTally(), new PrintStream(progress, true, StandardCharsets.UTF_8), listener).run();
        List<IntervalSample> samples = o.transactions().samples();
        assertTrue(samples.get(0).warmup());
        assertFalse(samples.get(samples.size() - 1).warmup());
        double warmupEnd = samples.stream().filter(IntervalSample::warmup).mapToDouble(IntervalSample::endSeconds).max().orElseThrow();
        assertTrue(warmupEnd >= 0.3 && warmupEnd < 0.45, "the warmup ends on its own boundary: " + warmupEnd);
        for (int i = 1; i < samples.size(); i++) {
            assertEquals(samples.get(i - 1).endSeconds(), samples.get(i).startSeconds(), 1e-12, "intervals are contiguous");
        }
        long all = samples.stream().mapToLong(IntervalSample::count).sum();
        assertEquals(tx.get(), all, "every transaction is in exactly one interval");
        assertTrue(o.transactions().measuredCount() > 0 && o.transactions().measuredCount() < all);
        assertTrue(o.transactions().measuredSeconds() >= 0.6, "measured " + o.transactions().measuredSeconds());
        assertEquals(2, phases.get(), "measuring started, then the run ended");
        String lines = progress.toString(StandardCharsets.UTF_8);
        assertEquals(samples.size(), lines.lines().count(), "one progress line per interval");
        assertTrue(lines.contains("warmup") && lines.contains("measured"));
    }

    @Test
    void failuresAreCountedAndBrokenConnectionsReopened() throws Exception {
        AtomicInteger connects = new AtomicInteger();
        AtomicInteger tx = new AtomicInteger();
        ErrorTally errors = new ErrorTally();
        ClosedLoop.Outcome o = new ClosedLoop("t", RunPlan.forTransactions(1, 100, Duration.ZERO),
                i -> new FakeClient(connects, tx, 10, true), errors, null, null).run();
        assertEquals(10, o.transactions().measuredErrors(), "every tenth of 100 attempts failed");
        assertEquals(90, o.transactions().measuredCount());
        assertEquals(10, errors.total());
        assertEquals("08006", errors.counts().get(0).code());
        assertEquals(9, o.reconnects(), "reopened after each failure but the last");
        assertEquals(10, connects.get());
    }

    @Test
    void whenNoClientCanConnectNothingIsMeasured() {
        ErrorTally errors = new ErrorTally();
        ClosedLoop loop = new ClosedLoop("t", RunPlan.forDuration(3, Duration.ofSeconds(10), Duration.ZERO),
                i -> new FakeClient(new AtomicInteger(), new AtomicInteger(), 0, false) {
                    @Override
                    public void connect() {
                        throw new IllegalStateException("refused", new SQLTransientConnectionException("no", "08001"));
                    }
                }, errors, null, null);
        ScenarioException e = assertThrows(ScenarioException.class, loop::run);
        assertTrue(e.getMessage().contains("none of the 3 clients could connect"), e.getMessage());
        assertEquals(3, errors.total());
    }
}
