package dev.pgwake.loadtest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class OverheadTest {

    private static LatencySummary summary(long... micros) {
        RepeatedLatencies r = new RepeatedLatencies();
        for (long us : micros) {
            r.recordNanos(us * 1000);
        }
        return r.summary();
    }

    @Test
    void differenceAndRatioAtTheMedianAndP95() {
        LatencySummary subject = summary(14_000, 15_000, 16_000, 40_000);
        LatencySummary baseline = summary(10_000, 11_000, 12_000, 20_000);
        Overhead o = Overhead.of(subject, baseline);
        // HdrHistogram keeps three significant digits: values are exact to 0.1%
        assertEquals(15.0 - 11.0, o.p50Ms(), 0.03, "p50 of four values is the second");
        assertEquals(40.0 - 20.0, o.p95Ms(), 0.06);
        assertEquals(15.0 / 11.0, o.p50Ratio(), 0.003);
        assertEquals(2.0, o.p95Ratio(), 0.004);
    }

    @Test
    void aFasterSubjectHasANegativeOverhead() {
        Overhead o = Overhead.of(summary(9_000), summary(10_000));
        assertEquals(-1.0, o.p50Ms(), 0.02);
        assertEquals(0.9, o.p50Ratio(), 0.002);
    }

    @Test
    void missingSidesGiveNoNumbers() {
        Overhead noBaseline = Overhead.of(summary(5_000), summary());
        assertNull(noBaseline.p50Ms());
        assertNull(noBaseline.p95Ratio());
        Overhead noSubject = Overhead.of(summary(), summary(5_000));
        assertNull(noSubject.p95Ms());
        assertNull(noSubject.p50Ratio());
    }

    @Test
    void aZeroBaselineHasADifferenceButNoRatio() {
        Overhead o = Overhead.of(summary(3_000), summary(0));
        assertEquals(3.0, o.p50Ms(), 0.003);
        assertNull(o.p50Ratio());
    }
}
