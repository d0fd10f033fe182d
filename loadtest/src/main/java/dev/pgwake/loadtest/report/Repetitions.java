package dev.pgwake.loadtest.report;

import dev.pgwake.loadtest.stats.LatencySummary;
import dev.pgwake.loadtest.stats.RepeatedLatencies;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * One side of a {@link ComparisonRow}: an operation repeated a few times (tens, not millions), so every
 * value is kept. {@code valuesMs} has one entry per repetition in the order done, {@code null} where it
 * failed; {@code summary} and {@code hdrHistogram} (compressed, base64) cover the successful ones.
 */
public record Repetitions(LatencySummary summary, long errors, List<Double> valuesMs, String hdrHistogram) {

    public Repetitions {
        Objects.requireNonNull(summary, "summary");
        // not List.copyOf: a failed repetition is a null entry
        valuesMs = Collections.unmodifiableList(new ArrayList<>(valuesMs == null ? List.of() : valuesMs));
    }

    public static Repetitions of(RepeatedLatencies measured) {
        return new Repetitions(measured.summary(), measured.errors(), measured.valuesMs(),
                LatencySeries.encode(measured.histogram()));
    }

    /** The successful latencies (microseconds) back as a histogram. */
    public Histogram decodeHistogram() {
        return LatencySeries.decode(hdrHistogram);
    }
}
