package dev.pgwake.loadtest.branch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void samplesWithAndWithoutLabelsCommentsSkipped() {
        List<MetricSample> s = PrometheusText.parse("""
                # HELP pgwake_wakes_total each wake that ended
                # TYPE pgwake_wakes_total counter
                pgwake_wakes_total{branch="main",kind="hot",outcome="ok"} 3.0

                process_uptime_seconds 12.5
                pgwake_wake_duration_seconds_bucket{kind="cold",le="+Inf"} 1 1700000000000
                """);
        assertEquals(3, s.size());
        assertEquals(new MetricSample("pgwake_wakes_total", Map.of("branch", "main", "kind", "hot", "outcome", "ok"), 3.0),
                s.get(0));
        assertEquals(new MetricSample("process_uptime_seconds", Map.of(), 12.5), s.get(1));
        assertEquals("+Inf", s.get(2).label("le"));
        assertEquals("", s.get(2).label("branch"), "a missing label reads as empty");
    }

    @Test
    void labelValuesMayHoldEscapesCommasAndBraces() {
        MetricSample s = PrometheusText.parse("m{a=\"x\\\"y\",b=\"1,2}\",c=\"line\\nnext\\\\\"} NaN\n").get(0);
        assertEquals("x\"y", s.label("a"));
        assertEquals("1,2}", s.label("b"));
        assertEquals("line\nnext\\", s.label("c"));
        assertTrue(Double.isNaN(s.value()));
        assertEquals(Double.NEGATIVE_INFINITY, PrometheusText.parse("m -Inf").get(0).value());
    }

    @Test
    void aLineThatIsNotASampleIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrometheusText.parse("ok 1\nbroken{a=\"x\" 2\n"));
        assertTrue(e.getMessage().startsWith("metrics line 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("novalue"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("m{a=x} 1"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("m seven"));
    }
}
