package dev.pgwake.loadtest.branch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgwakeMetricsTest {
    /** As pgwake serves it: two branches, main suspended after one cold and two hot wakes, f1 running. */
    static final String SCRAPE = """
            pgwake_branch_state{branch="main",state="running"} 0.0
            pgwake_branch_state{branch="main",state="suspended"} 1.0
            pgwake_branch_state{branch="f1",state="running"} 1.0
            pgwake_branch_state{branch="f1",state="suspended"} 0.0
            pgwake_branch_compute_seconds_total{branch="main"} 4.5
            pgwake_branch_wall_seconds_total{branch="main"} 10.0
            pgwake_branch_compute_seconds_total{branch="f1"} 2.0
            pgwake_branch_wall_seconds_total{branch="f1"} 2.0
            pgwake_wakes_total{branch="main",kind="cold",outcome="ok"} 1.0
            pgwake_wakes_total{branch="main",kind="hot",outcome="ok"} 2.0
            pgwake_wakes_total{branch="main",kind="warm",outcome="failed"} 1.0
            pgwake_wake_timeouts_total{branch="main",kind="warm"} 3.0
            pgwake_wakes_total{branch="f1",kind="cold",outcome="ok"} 1.0
            pgwake_netty_allocator_used_bytes{allocator="adaptive",memory="heap"} 0.0
            """;

    private static PgwakeMetrics scrape(String text) {
        return PgwakeMetrics.of(42, PrometheusText.parse(text));
    }

    @Test
    void eachBranchItsStateSecondsAndWakes() {
        PgwakeMetrics m = scrape(SCRAPE);
        assertEquals(42, m.startedNanos());
        PgwakeMetrics.Branch main = m.branch("main");
        assertEquals("suspended", main.state());
        assertEquals(4.5, main.computeSeconds());
        assertEquals(10.0, main.wallSeconds());
        assertEquals(new WakeCounts(Map.of("cold", 1L, "hot", 2L), 1, 3), main.wakes());
        assertEquals("running", m.branch("f1").state());
        assertTrue(m.has("f1"));
        assertFalse(m.has("nope"));
        assertEquals("", m.branch("nope").state(), "an unknown branch reads as empty");
        assertEquals(0, m.branch("nope").wakes().total());
    }

    @Test
    void fleetWideSumsAndStateCounts() {
        PgwakeMetrics m = scrape(SCRAPE);
        assertEquals(new WakeCounts(Map.of("cold", 2L, "hot", 2L), 1, 3), m.wakes(List.of("main", "f1")));
        assertEquals(Map.of("suspended", 1, "running", 1, "unknown", 1), m.stateCounts(List.of("main", "f1", "gone")));
    }

    @Test
    void whatHappenedBetweenTwoScrapesIsTheirDifference() {
        WakeCounts before = scrape(SCRAPE).branch("main").wakes();
        WakeCounts after = scrape(SCRAPE.replace("kind=\"hot\",outcome=\"ok\"} 2.0", "kind=\"hot\",outcome=\"ok\"} 3.0"))
                .branch("main").wakes();
        WakeCounts delta = after.minus(before);
        assertEquals(Map.of("hot", 1L), delta.ok(), "kinds with nothing new are left out");
        assertEquals(1, delta.total());
        assertEquals(0, delta.failed());
        assertEquals("hot 1", delta.describe());
        assertEquals("none", WakeCounts.NONE.describe());
        assertEquals("hot 2, cold 1, failed 1, timed out 3", before.describe(), "in the order of the work a wake does");
    }
}
