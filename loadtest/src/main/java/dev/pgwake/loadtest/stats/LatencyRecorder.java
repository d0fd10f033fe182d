package dev.pgwake.loadtest.stats;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies and errors of one kind of operation, recorded from any number of threads without locks, and
 * taken out one interval at a time by a single reader thread ({@link #takeInterval()}).
 */
public final class LatencyRecorder {
    /** The longest latency kept as measured: one hour. Longer ones are recorded as one hour. */
    public static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    private final LongAdder errors = new LongAdder();
    private Histogram spare; // reader thread only

    /** Records one successful operation that took {@code nanos} nanoseconds (rounded to the microsecond). */
    public void recordNanos(long nanos) {
        recordMicros((Math.max(0, nanos) + 500) / 1000);
    }

    public void recordMicros(long micros) {
        recorder.recordValue(Math.min(Math.max(0, micros), HIGHEST_MICROS));
    }

    /** Counts one failed operation; its latency is not recorded. */
    public void recordError() {
        errors.increment();
    }

    /**
     * Everything recorded since the previous call. The histogram stays valid only until the next call: the
     * recorder reuses it. Call from one thread.
     */
    public Interval takeInterval() {
        Histogram histogram = recorder.getIntervalHistogram(spare);
        spare = histogram;
        return new Interval(histogram, errors.sumThenReset());
    }

    /** One interval's latencies (microseconds) and its error count. */
    public record Interval(Histogram histogram, long errors) {
    }

    /** A fresh histogram with the range and precision every recorder uses. */
    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }
}
