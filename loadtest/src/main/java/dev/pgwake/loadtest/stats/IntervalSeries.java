package dev.pgwake.loadtest.stats;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The per-interval history of one {@link LatencyRecorder} and the total over the measured (non-warmup)
 * intervals. Used by the one thread that samples; read the results after that thread has finished.
 */
public final class IntervalSeries {
    private final String name;
    private final LatencyRecorder recorder;
    private final Histogram total = LatencyRecorder.newHistogram();
    private final List<IntervalSample> samples = new ArrayList<>();
    private long measuredErrors;
    private double measuredSeconds;

    public IntervalSeries(String name, LatencyRecorder recorder) {
        this.name = name;
        this.recorder = recorder;
    }

    /** Takes what the recorder collected since the last sample as the interval {@code [start, end)}. */
    public IntervalSample sample(double startSeconds, double endSeconds, boolean warmup) {
        LatencyRecorder.Interval interval = recorder.takeInterval();
        IntervalSample sample = IntervalSample.of(interval.histogram(), interval.errors(), startSeconds, endSeconds, warmup);
        if (!warmup) {
            total.add(interval.histogram());
            measuredErrors += interval.errors();
            measuredSeconds += sample.lengthSeconds();
        }
        samples.add(sample);
        return sample;
    }

    public String name() {
        return name;
    }

    public List<IntervalSample> samples() {
        return List.copyOf(samples);
    }

    /** Latencies (microseconds) of every measured interval together; a copy. */
    public Histogram total() {
        return total.copy();
    }

    public long measuredCount() {
        return total.getTotalCount();
    }

    public long measuredErrors() {
        return measuredErrors;
    }

    /** Total length of the measured intervals. */
    public double measuredSeconds() {
        return measuredSeconds;
    }

    /** Operations per second over the measured intervals; 0 when nothing was measured. */
    public double throughput() {
        return measuredSeconds > 0 ? measuredCount() / measuredSeconds : 0;
    }
}
