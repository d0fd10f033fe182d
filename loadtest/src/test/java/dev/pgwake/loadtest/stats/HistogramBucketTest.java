package dev.pgwake.loadtest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HistogramBucketTest {

    @Test
    void bucketsAreLogSpacedFromTheFastestToTheSlowestAndAddUpToTheTotal() {
        Histogram h = LatencyRecorder.newHistogram();
        h.recordValueWithCount(150, 10);     // 0.15 ms
        h.recordValueWithCount(1_000, 5);    // exactly 1 ms: a bucket boundary
        h.recordValueWithCount(37_000, 1);   // 37 ms
        List<HistogramBucket> buckets = HistogramBucket.logarithmic(h, 10);

        double first = buckets.get(0).lowerMs();
        assertTrue(first <= 0.15 && first * Math.pow(10, 0.1) > 0.15, "starts at the step at or below 0.15 ms: " + first);
        assertEquals(-0.9, Math.log10(first), 1e-9, "steps are tenths of a decade");
        assertTrue(buckets.get(buckets.size() - 1).upperMs() > 37.0);
        assertEquals(16, buckets.stream().mapToLong(HistogramBucket::count).sum());
        for (int i = 0; i < buckets.size(); i++) {
            HistogramBucket b = buckets.get(i);
            assertEquals(Math.pow(10, 0.1), b.upperMs() / b.lowerMs(), 1e-9, "ten buckets per decade");
            if (i > 0) {
                assertEquals(buckets.get(i - 1).upperMs(), b.lowerMs(), 1e-12, "contiguous");
            }
        }
        HistogramBucket one = buckets.stream().filter(b -> b.count() == 5).findFirst().orElseThrow();
        assertEquals(1.0, one.lowerMs(), 1e-9, "a value on a boundary belongs to the bucket it opens");
    }

    @Test
    void aSingleValueGivesOneBucket() {
        Histogram h = LatencyRecorder.newHistogram();
        h.recordValueWithCount(500, 3);
        List<HistogramBucket> buckets = HistogramBucket.logarithmic(h, 4);
        assertEquals(1, buckets.size());
        assertEquals(3, buckets.get(0).count());
    }

    @Test
    void emptyHistogramsHaveNoBuckets() {
        assertEquals(List.of(), HistogramBucket.logarithmic(LatencyRecorder.newHistogram(), 10));
        assertThrows(IllegalArgumentException.class, () -> HistogramBucket.logarithmic(LatencyRecorder.newHistogram(), 0));
    }
}
