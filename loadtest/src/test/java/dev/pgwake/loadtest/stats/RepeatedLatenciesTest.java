package dev.pgwake.loadtest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatedLatenciesTest {

    @Test
    void keepsEveryOutcomeInOrderWithFailuresAsGaps() {
        RepeatedLatencies r = new RepeatedLatencies();
        r.recordNanos(12_345_678); // 12.346 ms, rounded to the microsecond
        r.recordError();
        r.recordNanos(2_000_400); // 2.000 ms
        assertEquals(Arrays.asList(12.346, null, 2.0), r.valuesMs());
        assertEquals(2, r.count());
        assertEquals(1, r.errors());
        assertEquals(2, r.histogram().getTotalCount(), "failures are not in the histogram");
    }

    @Test
    void summaryIsOverTheSuccessfulOnes() {
        RepeatedLatencies r = new RepeatedLatencies();
        for (int ms = 1; ms <= 20; ms++) {
            r.recordNanos(ms * 1_000_000L);
        }
        r.recordError();
        LatencySummary s = r.summary();
        assertEquals(20, s.count());
        assertEquals(10.0, s.p50Ms(), 0.01, "the 10th of 20 values");
        assertEquals(19.0, s.p95Ms(), 0.02, "the 19th of 20");
        assertEquals(20.0, s.p99Ms(), 0.02, "with 20 values p99 is the slowest");
        assertEquals(20.0, s.maxMs(), 0.02);
    }

    @Test
    void nothingMeasuredHasNoPercentiles() {
        RepeatedLatencies r = new RepeatedLatencies();
        r.recordError();
        assertEquals(0, r.summary().count());
        assertNull(r.summary().p50Ms());
    }

    @Test
    void negativeAndHugeValuesAreClampedNotThrown() {
        RepeatedLatencies r = new RepeatedLatencies();
        r.recordNanos(-5);
        r.recordNanos(Long.MAX_VALUE / 2);
        assertEquals(List.of(0.0, LatencyRecorder.HIGHEST_MICROS / 1000.0), r.valuesMs());
    }

    @Test
    void theValuesAreACopy() {
        RepeatedLatencies r = new RepeatedLatencies();
        r.recordNanos(1_000_000);
        List<Double> values = r.valuesMs();
        r.recordNanos(2_000_000);
        assertEquals(1, values.size());
        assertThrows(UnsupportedOperationException.class, () -> values.add(3.0));
    }
}
