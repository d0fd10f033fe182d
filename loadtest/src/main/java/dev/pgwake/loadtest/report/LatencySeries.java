package dev.pgwake.loadtest.report;

import dev.pgwake.loadtest.stats.HistogramBucket;
import dev.pgwake.loadtest.stats.IntervalSample;
import dev.pgwake.loadtest.stats.IntervalSeries;
import dev.pgwake.loadtest.stats.LatencySummary;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.zip.Deflater;
import org.HdrHistogram.Histogram;

/**
 * One measured kind of operation (e.g. "transaction", "connect"): the summary of the measured phase, a
 * log-spaced histogram, the per-interval history (warmup included, marked), and the whole measured
 * HdrHistogram, compressed and base64-encoded, so runs can be merged or re-analysed later.
 *
 * @param throughput operations per second over the measured phase
 * @param errors     failed operations in the measured phase
 */
public record LatencySeries(String name, String description, LatencySummary summary, double throughput,
                            long errors, List<HistogramBucket> histogram, List<IntervalSample> intervals,
                            String hdrHistogram) {
    /** Histogram buckets per power of ten. */
    static final int BUCKETS_PER_DECADE = 10;

    public LatencySeries {
        histogram = List.copyOf(histogram);
        intervals = List.copyOf(intervals);
    }

    public static LatencySeries of(IntervalSeries series, String description) {
        Histogram total = series.total();
        return new LatencySeries(series.name(), description, LatencySummary.of(total), series.throughput(),
                series.measuredErrors(), HistogramBucket.logarithmic(total, BUCKETS_PER_DECADE), series.samples(),
                encode(total));
    }

    /** The histogram in HdrHistogram's compressed form, base64: decode with {@link #decode}. */
    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer, Deflater.BEST_COMPRESSION);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    /** The measured latencies (microseconds) back as a histogram. */
    public Histogram decodeHistogram() {
        return decode(hdrHistogram);
    }

    static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalArgumentException("not an encoded HdrHistogram", e);
        }
    }
}
