package dev.pgwake.loadtest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LatencyRecorderTest {

    @Test
    void nanosecondsAreRoundedToTheNearestMicrosecond() {
        LatencyRecorder r = new LatencyRecorder();
        r.recordNanos(1_499);
        r.recordNanos(1_500);
        r.recordNanos(-5);
        var h = r.takeInterval().histogram();
        assertEquals(3, h.getTotalCount());
        assertEquals(1, h.getCountAtValue(1));
        assertEquals(1, h.getCountAtValue(2));
        assertEquals(1, h.getCountAtValue(0), "a negative duration (clock oddity) counts as 0");
    }

    @Test
    void latenciesBeyondAnHourAreClampedNotLost() {
        LatencyRecorder r = new LatencyRecorder();
        r.recordMicros(TimeUnit.HOURS.toMicros(5));
        var h = r.takeInterval().histogram();
        assertEquals(1, h.getTotalCount());
        assertTrue(h.getMaxValue() >= LatencyRecorder.HIGHEST_MICROS);
    }

    @Test
    void eachIntervalHoldsOnlyWhatWasRecordedSinceThePreviousOne() {
        LatencyRecorder r = new LatencyRecorder();
        r.recordMicros(10);
        r.recordError();
        LatencyRecorder.Interval first = r.takeInterval();
        assertEquals(1, first.histogram().getTotalCount());
        assertEquals(1, first.errors());
        r.recordMicros(20);
        r.recordMicros(30);
        LatencyRecorder.Interval second = r.takeInterval();
        assertEquals(2, second.histogram().getTotalCount());
        assertEquals(0, second.errors());
        assertEquals(20, second.histogram().getMinValue());
    }

    @Test
    @Timeout(30)
    void recordingFromManyThreadsLosesNothing() throws InterruptedException {
        LatencyRecorder r = new LatencyRecorder();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    r.recordMicros(i % 1000);
                    if (i % 100 == 0) {
                        r.recordError();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        long total = 0;
        long errors = 0;
        for (Thread t : threads) {
            while (t.isAlive()) {
                LatencyRecorder.Interval i = r.takeInterval(); // reading while they record
                total += i.histogram().getTotalCount();
                errors += i.errors();
                t.join(5);
            }
        }
        LatencyRecorder.Interval last = r.takeInterval();
        assertEquals(200_000, total + last.histogram().getTotalCount());
        assertEquals(2_000, errors + last.errors());
    }
}
