package dev.pgwake.loadtest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class IntervalSampleTest {

    @Test
    void throughputIsCountOverTheIntervalsOwnLength() {
        Histogram h = LatencyRecorder.newHistogram();
        h.recordValueWithCount(250, 500);
        h.recordValueWithCount(4000, 100);
        IntervalSample s = IntervalSample.of(h, 3, 2.0, 2.5, false);
        assertEquals(600, s.count());
        assertEquals(1200.0, s.throughput(), 1e-9);
        assertEquals(3, s.errors());
        assertEquals(0.5, s.lengthSeconds(), 1e-12);
        assertEquals(0.25, s.p50Ms(), 1e-12);
        assertTrue(s.p99Ms() >= 4.0 && s.p99Ms() <= 4.004, "p99 " + s.p99Ms());
        assertEquals(s.p99Ms(), s.maxMs());
        assertFalse(s.warmup());
    }

    @Test
    void anEmptyIntervalHasZeroThroughputAndNoPercentiles() {
        IntervalSample s = IntervalSample.of(LatencyRecorder.newHistogram(), 7, 0, 1, true);
        assertEquals(0, s.count());
        assertEquals(0, s.throughput());
        assertEquals(7, s.errors(), "errors are counted even when nothing succeeded");
        assertNull(s.p50Ms());
        assertTrue(s.warmup());
    }

    @Test
    void anIntervalCannotEndBeforeItStarts() {
        assertThrows(IllegalArgumentException.class, () -> IntervalSample.of(LatencyRecorder.newHistogram(), 0, 2, 1, false));
    }
}
