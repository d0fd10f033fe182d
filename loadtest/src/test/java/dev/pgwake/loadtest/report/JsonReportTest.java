package dev.pgwake.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {
    private final JsonReport json = new JsonReport();

    @Test
    void everyNumberIsThereUnderStableNames() throws Exception {
        JsonNode root = new ObjectMapper().readTree(json.toJson(SampleReports.oltp("run 1")));
        assertEquals(RunReport.FORMAT, root.get("format").asText());
        assertEquals("oltp", root.get("scenario").asText());
        assertEquals("run 1", root.get("label").asText());
        assertEquals("2025-01-02T03:04:05Z", root.get("startedAt").asText());
        assertEquals(3.0, root.get("measuredSeconds").asDouble(), 1e-12);
        assertEquals("16", root.get("settings").get("clients").asText());

        JsonNode figure = root.get("figures").get(0);
        assertEquals("throughput_tps", figure.get("key").asText());
        assertEquals(22_000 / 3.0, figure.get("value").asDouble(), 1e-9);
        assertEquals("tx/s", figure.get("unit").asText());

        JsonNode series = root.get("latencies").get(0);
        assertEquals(22_000, series.get("summary").get("count").asLong());
        assertEquals(0.5, series.get("summary").get("p50Ms").asDouble(), 1e-12);
        assertEquals(5, series.get("errors").asLong());
        JsonNode intervals = series.get("intervals");
        assertEquals(4, intervals.size(), "warmup interval included");
        assertTrue(intervals.get(0).get("warmup").asBoolean());
        assertEquals(2_000, intervals.get(0).get("count").asLong());
        assertEquals(12_000, intervals.get(2).get("count").asLong());
        assertEquals(12_000.0, intervals.get(2).get("throughput").asDouble(), 1e-9);
        assertTrue(intervals.get(3).get("p50Ms").isNull(), "an interval with nothing completed has null percentiles");
        assertEquals(5, intervals.get(3).get("errors").asLong());
        assertTrue(series.get("histogram").size() > 1);
        assertEquals("57P01", root.get("errors").get(0).get("code").asText());
    }

    @Test
    void roundTripsExactly() {
        RunReport original = SampleReports.oltp("round <trip>");
        assertEquals(original, json.fromJson(json.toJson(original)));
    }

    @Test
    void theEmbeddedHdrHistogramDecodesToTheMeasuredLatencies() {
        LatencySeries series = SampleReports.oltp("x").latencies().get(0);
        var h = series.decodeHistogram();
        assertEquals(22_000, h.getTotalCount());
        assertEquals(40_000, h.getMaxValue(), 40_000 * 0.001);
    }

    @Test
    void writesAFileWholeAndReadsItBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/report.json");
        RunReport r = SampleReports.oltp("file");
        json.write(r, file);
        assertTrue(Files.readString(file).endsWith("}\n"));
        assertEquals(r, json.read(file));
        try (var listing = Files.list(file.getParent())) {
            assertEquals(1, listing.count(), "no temporary file left behind");
        }
    }

    @Test
    void somethingElseIsNotAReport() {
        assertThrows(IllegalArgumentException.class, () -> json.fromJson("[1, 2]"));
    }

    @Test
    void comparisonsRoundTripWithFailedRepetitionsAsNull() throws Exception {
        RunReport original = SampleReports.wake("json", "cold");
        String text = json.toJson(original);
        assertEquals(original, json.fromJson(text));
        JsonNode row = new ObjectMapper().readTree(text).get("comparisons").get(0).get("rows").get(1);
        assertEquals("warm", row.get("name").asText());
        assertTrue(row.get("subject").get("valuesMs").get(1).isNull(), "the failed repetition");
        assertEquals(1, row.get("subject").get("errors").asLong());
        assertEquals(52.0 - 41.0, row.get("overhead").get("p50Ms").asDouble(), 0.1, "to HdrHistogram's precision");
        assertTrue(new ObjectMapper().readTree(text).get("comparisons").get(0).get("rows").get(2).get("baseline").isNull());
        assertEquals(3, original.comparisons().get(0).rows().get(1).subject().decodeHistogram().getTotalCount());
    }

    @Test
    void aReportWrittenBeforeComparisonsReadsWithNone() {
        String old = json.toJson(SampleReports.oltp("old")).replaceFirst("\"comparisons\" : \\[ \\],\\s*", "");
        assertFalse(old.contains("comparisons"), old.substring(0, 400));
        assertEquals(SampleReports.oltp("old"), json.fromJson(old));
    }

    @Test
    void timelinesRoundTripWithGapsAsNull() throws Exception {
        RunReport original = SampleReports.fleet("hot");
        String text = json.toJson(original);
        assertEquals(original, json.fromJson(text));
        JsonNode wakes = new ObjectMapper().readTree(text).get("timelines").get(1);
        assertEquals("Fleet wakes per interval", wakes.get("title").asText());
        assertTrue(wakes.get("lines").get(0).get("values").get(1).isNull());
    }

    @Test
    void aReportWrittenBeforeTimelinesReadsWithNone() {
        String old = json.toJson(SampleReports.oltp("old")).replaceFirst("\"timelines\" : \\[ \\],\\s*", "");
        assertFalse(old.contains("timelines"));
        assertEquals(SampleReports.oltp("old"), json.fromJson(old));
    }
}
