package dev.pgwake.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private final HtmlReport html = new HtmlReport();

    private static int count(String haystack, String needle) {
        return haystack.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void oneCompletePageWithThreeChartsPerLatencySeries() {
        String page = html.render(SampleReports.oltp("structure"));
        assertTrue(page.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        assertTrue(page.endsWith("</html>\n"));
        assertEquals(1, count(page, "<body>"));
        assertEquals(1, count(page, "</body>"));
        assertEquals(3, count(page, "<svg "), "percentiles over time, throughput over time, histogram");
        assertEquals(count(page, "<svg "), count(page, "</svg>"));
        assertEquals(count(page, "<table"), count(page, "</table>"));
        assertEquals(3, count(page, "<div class=\"card\""), "one card per figure");
        assertEquals(1, count(page, "<div class=\"card bad\""), "errors stand out");
        assertTrue(page.contains("latency percentiles per interval"));
        assertTrue(page.contains("throughput per interval"));
        assertTrue(page.contains("latency histogram"));
        assertTrue(page.contains("class=\"shade\""), "the warmup is shaded");
        assertTrue(page.contains("errors/s"), "errors drawn when there were some");
    }

    @Test
    void selfContainedNothingIsFetched() {
        String page = html.render(SampleReports.oltp("offline"));
        assertFalse(page.contains(" src="), "no external scripts or images");
        assertFalse(page.contains(" href="), "no stylesheets or links");
        assertFalse(page.contains("@import"));
        assertFalse(page.contains("url("));
        assertEquals(count(page, "http://www.w3.org/2000/svg"), count(page, "http"),
                "the only URLs are the SVG namespace and the target's JDBC URL");
    }

    @Test
    void theNumbersArePrinted() {
        String page = html.render(SampleReports.oltp("numbers"));
        assertTrue(page.contains("7,333 tx/s"), "throughput card: 22,000 over 3 s");
        assertTrue(page.contains("<td>22,000</td>"), "completed in the summary table");
        assertTrue(page.contains("<td>0.500</td>"), "p50 in ms");
        assertTrue(page.contains("1.21 KiB"), "bytes figure");
        assertTrue(page.contains("<td>12,000</td>"), "an interval's count");
        assertTrue(page.contains("p99.9"));
    }

    @Test
    void everythingFromOutsideIsEscaped() {
        String page = html.render(SampleReports.oltp(SampleReports.HOSTILE));
        assertEquals(1, count(page, "<script"), "only the JSON data element opens a script");
        assertEquals(1, count(page, "</script>"), "and nothing closes it early");
        assertFalse(page.contains("<b>markup</b>"));
        assertTrue(page.contains("&lt;b&gt;markup&lt;/b&gt;"));
        assertTrue(page.contains("&lt;admin&gt;"));
        assertTrue(page.contains("&lt;as seen by the client&gt;"));
        assertTrue(page.contains("&amp; &quot;quoted&quot;"));
    }

    @Test
    void theEmbeddedJsonIsTheReport() {
        RunReport report = SampleReports.oltp(SampleReports.HOSTILE);
        String page = html.render(report);
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"report-data\">\n(.*)</script>", Pattern.DOTALL)
                .matcher(page);
        assertTrue(m.find());
        assertEquals(report, new JsonReport().fromJson(m.group(1)), "\\u003c is still valid JSON for <");
    }

    @Test
    void aRunThatMeasuredNothingStillRenders() {
        RunReport empty = RunReport.builder("idle").build();
        String page = html.render(empty);
        assertTrue(page.contains("<h2>Errors</h2>\n<p>None.</p>"));
        assertEquals(0, count(page, "<svg "));
    }

    @Test
    void aComparisonIsATableABarChartAndATimeline() {
        String page = html.render(SampleReports.wake("wake page", "cold"));
        assertEquals(2, count(page, "<svg "), "p50 bars with p95 whiskers, every repetition in order");
        assertEquals(count(page, "<table"), count(page, "</table>"));
        assertTrue(page.contains("<th colspan=\"6\">pgwake</th><th colspan=\"6\">bare</th><th colspan=\"2\">overhead</th>"));
        assertTrue(page.contains("<td class=\"l\">hot</td><td>4</td><td>0</td><td>15.0</td><td>40.0</td><td>40.0</td><td>40.0</td>"
                + "<td>4</td><td>0</td><td>11.0</td><td>20.0</td><td>20.0</td><td>20.0</td><td>+4.00</td><td>+20.0</td>"
                + "<td>1.36x</td><td>2.00x</td></tr>"), "hot row");
        assertTrue(page.contains("<td class=\"l\">cold</td><td>2</td><td>0</td><td>130</td><td>140</td><td>140</td><td>140</td>"
                + "<td>-</td>"), "a row without a baseline shows dashes");
        assertTrue(page.contains("<title>hot pgwake at repetition 4: 40.0</title>"), "timeline tooltips name repetitions");
        assertTrue(page.contains("<tr><td>2</td><td>15.0</td><td>11.0</td><td>-</td><td>41.0</td><td>140</td></tr>"),
                "raw values, the failed warm repetition as -");
        assertFalse(page.contains("latency histogram"), "no latency series in a wake report");
    }

    @Test
    void comparisonTextIsEscaped() {
        String page = html.render(SampleReports.wake("x", SampleReports.HOSTILE));
        assertEquals(1, count(page, "<script"));
        assertFalse(page.contains("<i>here</i>"));
        assertTrue(page.contains("description &lt;i&gt;here&lt;/i&gt;"));
    }

    @Test
    void everyTimelineIsAChartAndATable() {
        String page = html.render(SampleReports.fleet("hot"));
        assertTrue(page.contains("<h2>Fleet branches by state</h2>"));
        assertTrue(page.contains("<h2>Fleet wakes per interval</h2>"));
        assertTrue(page.contains("states &lt;b&gt;per&lt;/b&gt; second"), "descriptions are escaped");
        assertEquals(4, count(page, "<svg "), "two timeline charts beside the comparison's bar chart and repetitions");
        assertTrue(page.contains("<summary>Values (3)</summary>"));
        assertTrue(page.contains("<th>running</th><th>suspended</th>"));
        assertTrue(page.contains("<td>-</td>"), "a missing value");
        assertTrue(page.contains("40.50 %"), "the saving figure");
    }

    @Test
    void timelineNamesAreEscaped() {
        String page = html.render(SampleReports.fleet(SampleReports.HOSTILE));
        assertFalse(page.contains("<script>alert"), "no script from a line name");
    }
}
