package dev.pgwake.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.loadtest.stats.HistogramBucket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgChartsTest {

    private static int count(String haystack, String needle) {
        return haystack.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void aMissingPointBreaksTheLine() {
        String svg = new SvgLineChart("t", "s", "ms", Formats::ms)
                .add(new SvgLineChart.Series("p50", "#000", List.of(1.0, 2.0, 3.0, 4.0), Arrays.asList(1.0, 2.0, null, 3.0)))
                .render();
        String path = svg.substring(svg.indexOf(" d=\""), svg.indexOf("\"/>", svg.indexOf(" d=\"")));
        assertEquals(2, count(path, "M"), "two pieces: " + path);
        assertEquals(3, count(svg, "<circle"), "a marker per point that exists");
        assertTrue(svg.contains("<title>p50 at 2.0 s: 2.00</title>"));
    }

    @Test
    void logChartsLeaveOutWhatCannotBeDrawn() {
        String svg = new SvgLineChart("t", "s", "ms", Formats::ms).logY()
                .add(new SvgLineChart.Series("max", "#000", List.of(1.0, 2.0), List.of(0.0, 5.0)))
                .render();
        assertEquals(1, count(svg, "<circle"));
    }

    @Test
    void noDataIsSaidNotDrawn() {
        String svg = new SvgLineChart("t", "s", "ms", Formats::ms)
                .add(new SvgLineChart.Series("p50", "#000", List.of(1.0), Arrays.asList((Double) null))).render();
        assertTrue(svg.contains("no data"));
        assertFalse(svg.contains("<path"));
    }

    @Test
    void longRunsDropMarkersButKeepTheLine() {
        List<Double> x = new ArrayList<>();
        for (int i = 0; i <= SvgLineChart.MAX_MARKERS; i++) {
            x.add((double) i);
        }
        String svg = new SvgLineChart("t", "s", "n", Formats::rate).add(new SvgLineChart.Series("a", "#000", x, x)).render();
        assertEquals(0, count(svg, "<circle"));
        assertEquals(1, count(svg, "<path"));
    }

    @Test
    void histogramHasABarPerNonEmptyBucketAndMarkers() {
        List<HistogramBucket> buckets = List.of(new HistogramBucket(0.1, 0.2, 30), new HistogramBucket(0.2, 0.4, 0),
                new HistogramBucket(0.4, 0.8, 10));
        String svg = new SvgHistogramChart("h", buckets).marker("p99", 0.7).marker("p99.9", null).render();
        assertEquals(2, count(svg, "<rect class=\"bar\""));
        assertTrue(svg.contains("0.100 to 0.200 ms: 30 (75.00%)"));
        assertTrue(svg.contains("p99 0.700 ms"));
        assertFalse(svg.contains("p99.9"), "no marker without a value");
        assertTrue(new SvgHistogramChart("h", List.of()).render().contains("no operations recorded"));
    }
}
