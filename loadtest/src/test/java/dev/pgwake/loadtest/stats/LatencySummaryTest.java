package dev.pgwake.loadtest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void percentilesOfOneToOneThousandMicrosecondsAreExact() {
        Histogram h = LatencyRecorder.newHistogram();
        for (int us = 1; us <= 1000; us++) {
            h.recordValue(us);
        }
        LatencySummary s = LatencySummary.of(h);
        assertEquals(1000, s.count());
        assertEquals(0.001, s.minMs(), 1e-12);
        assertEquals(0.5005, s.meanMs(), 1e-9);
        assertEquals(0.500, s.p50Ms(), 1e-12);
        assertEquals(0.900, s.p90Ms(), 1e-12);
        assertEquals(0.950, s.p95Ms(), 1e-12);
        assertEquals(0.990, s.p99Ms(), 1e-12);
        assertEquals(0.999, s.p999Ms(), 1e-12);
        assertEquals(1.000, s.p9999Ms(), 1e-12);
        assertEquals(1.000, s.maxMs(), 1e-12);
    }

    @Test
    void largeLatenciesKeepThreeSignificantDigitsAndAreNeverUnderstated() {
        Histogram h = LatencyRecorder.newHistogram();
        h.recordValueWithCount(1_234_567, 99); // 1.234567 s
        h.recordValue(45_678_901);            // 45.678901 s
        LatencySummary s = LatencySummary.of(h);
        assertTrue(s.p50Ms() >= 1234.567 && s.p50Ms() <= 1234.567 * 1.001, "p50 " + s.p50Ms());
        assertTrue(s.maxMs() >= 45678.901 && s.maxMs() <= 45678.901 * 1.001, "max " + s.maxMs());
        assertEquals(s.maxMs(), s.p9999Ms(), "the slowest of 100 is p99.99");
    }

    @Test
    void tailPercentilesSeparateARareSlowOperation() {
        Histogram h = LatencyRecorder.newHistogram();
        h.recordValueWithCount(100, 9_990);
        h.recordValueWithCount(50_000, 10); // 0.1% at 50 ms
        LatencySummary s = LatencySummary.of(h);
        assertEquals(0.1, s.p99Ms(), 1e-12);
        assertEquals(0.1, s.p999Ms(), 1e-12, "exactly 99.9% are at 0.1 ms");
        assertTrue(s.p9999Ms() >= 50.0, "p99.99 " + s.p9999Ms());
    }

    @Test
    void nothingRecordedMeansNoNumbersRatherThanZeros() {
        LatencySummary s = LatencySummary.of(LatencyRecorder.newHistogram());
        assertEquals(0, s.count());
        assertNull(s.p50Ms());
        assertNull(s.maxMs());
        assertNull(s.meanMs());
    }
}
