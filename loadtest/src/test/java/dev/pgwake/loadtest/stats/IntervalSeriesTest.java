package dev.pgwake.loadtest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalSeriesTest {

    @Test
    void warmupIntervalsAreKeptInTheSeriesButLeftOutOfTheTotals() {
        LatencyRecorder r = new LatencyRecorder();
        IntervalSeries series = new IntervalSeries("transaction", r);
        for (int i = 0; i < 100; i++) {
            r.recordMicros(5_000); // slow warmup
        }
        r.recordError();
        series.sample(0, 1, true);
        for (int i = 0; i < 300; i++) {
            r.recordMicros(100);
        }
        series.sample(1, 2, false);
        for (int i = 0; i < 100; i++) {
            r.recordMicros(200);
        }
        r.recordError();
        r.recordError();
        series.sample(2, 2.5, false);

        List<IntervalSample> samples = series.samples();
        assertEquals(3, samples.size());
        assertTrue(samples.get(0).warmup());
        assertFalse(samples.get(1).warmup());
        assertEquals(100, samples.get(0).count());
        assertEquals(300, samples.get(1).count());
        assertEquals(100, samples.get(2).count());
        assertEquals(200.0, samples.get(2).throughput(), 1e-9);

        assertEquals(400, series.measuredCount());
        assertEquals(2, series.measuredErrors());
        assertEquals(1.5, series.measuredSeconds(), 1e-12);
        assertEquals(400 / 1.5, series.throughput(), 1e-9);
        assertEquals(200, series.total().getMaxValue(), "the slow warmup is not in the total");
        assertEquals("transaction", series.name());
    }

    @Test
    void nothingMeasuredMeansZeroThroughput() {
        IntervalSeries series = new IntervalSeries("x", new LatencyRecorder());
        assertEquals(0, series.throughput());
        series.sample(0, 1, true);
        assertEquals(0, series.throughput());
        assertEquals(0, series.measuredSeconds());
    }

    @Test
    void theTotalIsACopy() {
        LatencyRecorder r = new LatencyRecorder();
        IntervalSeries series = new IntervalSeries("x", r);
        r.recordMicros(1);
        series.sample(0, 1, false);
        series.total().recordValue(99);
        assertEquals(1, series.total().getTotalCount());
    }
}
