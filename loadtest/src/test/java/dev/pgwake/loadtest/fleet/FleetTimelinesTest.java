package dev.pgwake.loadtest.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgwake.loadtest.branch.PgwakeMetrics;
import dev.pgwake.loadtest.branch.PrometheusText;
import dev.pgwake.loadtest.report.Timeline;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetTimelinesTest {
    private static PgwakeMetrics scrape(String a, String b, int hot, int warm) {
        return PgwakeMetrics.of(0, PrometheusText.parse(
                "pgwake_branch_state{branch=\"f-1\",state=\"" + a + "\"} 1\n"
                        + "pgwake_branch_state{branch=\"f-2\",state=\"" + b + "\"} 1\n"
                        + "pgwake_branch_state{branch=\"other\",state=\"running\"} 1\n"
                        + "pgwake_wakes_total{branch=\"f-1\",kind=\"hot\",outcome=\"ok\"} " + hot + "\n"
                        + "pgwake_wakes_total{branch=\"f-2\",kind=\"warm\",outcome=\"ok\"} " + warm + "\n"
                        + "pgwake_wakes_total{branch=\"other\",kind=\"cold\",outcome=\"ok\"} 9\n"));
    }

    @Test
    void statesAndWakesPerIntervalOfTheFleetsBranchesOnly() {
        FleetTimelines t = new FleetTimelines(List.of("f-1", "f-2"), scrape("running", "running", 0, 0));
        assertEquals("none", t.add(1.0, scrape("running", "idle", 0, 0)).describe());
        assertEquals("hot 1", t.add(2.0, scrape("suspended", "stopped", 1, 0)).describe());
        assertEquals("hot 1, warm 1", t.add(3.0, scrape("running", "running", 2, 1)).describe());

        Timeline states = t.states();
        assertEquals(List.of(1.0, 2.0, 3.0), states.seconds());
        assertEquals(List.of("running", "idle", "suspended", "stopped"),
                states.lines().stream().map(Timeline.Line::name).toList(), "states never seen are left out");
        assertEquals(List.of(1.0, 0.0, 2.0), states.lines().get(0).values());
        Timeline wakes = t.wakes();
        assertEquals(List.of("hot", "warm"), wakes.lines().stream().map(Timeline.Line::name).toList());
        assertEquals(List.of(0.0, 1.0, 1.0), wakes.lines().get(0).values());
    }

    @Test
    void aStateLoadtestDoesNotKnowCountsAsUnknown() {
        FleetTimelines t = new FleetTimelines(List.of("f-1", "f-2"), scrape("running", "running", 0, 0));
        t.add(1.0, scrape("hibernating", "running", 0, 0));
        Timeline.Line unknown = t.states().lines().stream().filter(l -> l.name().equals("unknown")).findFirst().orElseThrow();
        assertEquals(List.of(1.0), unknown.values());
    }
}
