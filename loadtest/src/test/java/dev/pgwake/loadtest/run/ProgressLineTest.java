package dev.pgwake.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgwake.loadtest.stats.IntervalSample;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void showsTheLastIntervalsRatePercentilesAndErrors() {
        IntervalSample s = new IntervalSample(11, 12, false, 10_234, 3, 10_234, 0.6, 0.521, 0.9, 2.1, 4.0, 9.0);
        assertEquals("oltp [  12.0s] measured  tps 10,234  p50 0.521 ms  p99 2.10 ms  errors 3", ProgressLine.format("oltp", s));
        IntervalSample idle = new IntervalSample(0, 1, true, 0, 0, 0, null, null, null, null, null, null);
        assertEquals("oltp [   1.0s] warmup    tps 0  p50 - ms  p99 - ms  errors 0", ProgressLine.format("oltp", idle));
    }
}
