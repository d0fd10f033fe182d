package dev.pgwake.loadtest.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One operation done again and again, one at a time (a wake of one kind, say): every outcome in the order
 * it happened, and the successful latencies in an HdrHistogram for the percentiles. A failed repetition
 * counts as an error and leaves a {@code null} in {@link #valuesMs()}; its latency is not recorded. Used
 * by one thread.
 */
public final class RepeatedLatencies {
    private final Histogram histogram = LatencyRecorder.newHistogram();
    private final List<Double> valuesMs = new ArrayList<>();
    private long errors;

    /** Records one successful repetition that took {@code nanos} (kept to the microsecond, as every recorder). */
    public void recordNanos(long nanos) {
        long micros = Math.min(Math.max(0, (Math.max(0, nanos) + 500) / 1000), LatencyRecorder.HIGHEST_MICROS);
        histogram.recordValue(micros);
        valuesMs.add(micros / 1000.0);
    }

    /** Records one failed repetition. */
    public void recordError() {
        errors++;
        valuesMs.add(null);
    }

    /** Successful repetitions. */
    public long count() {
        return histogram.getTotalCount();
    }

    public long errors() {
        return errors;
    }

    /** One entry per repetition in the order done: milliseconds, or {@code null} where it failed. */
    public List<Double> valuesMs() {
        return Collections.unmodifiableList(new ArrayList<>(valuesMs));
    }

    /** The successful latencies (microseconds); a copy. */
    public Histogram histogram() {
        return histogram.copy();
    }

    public LatencySummary summary() {
        return LatencySummary.of(histogram);
    }
}
