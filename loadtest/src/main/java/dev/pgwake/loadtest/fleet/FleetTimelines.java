package dev.pgwake.loadtest.fleet;

import dev.pgwake.loadtest.branch.PgwakeMetrics;
import dev.pgwake.loadtest.branch.WakeCounts;
import dev.pgwake.loadtest.report.Timeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fleet's branches did over the run, one point per sampling interval from the newest scrape of
 * pgwake's metrics: how many branches were in each state, and how many wakes of each kind pgwake counted in
 * the interval. Used by the one sampling thread.
 */
final class FleetTimelines {
    static final List<String> STATES = List.of("running", "idle", "resuming", "suspending", "suspended", "stopped",
            "archived", "failed", "unknown");
    static final List<String> WAKES = List.of("hot", "warm", "cold", "failed", "timed out");

    private final List<String> branches;
    private final List<Double> seconds = new ArrayList<>();
    private final Map<String, List<Double>> states = new LinkedHashMap<>();
    private final Map<String, List<Double>> wakes = new LinkedHashMap<>();
    private WakeCounts lastWakes;

    FleetTimelines(List<String> branches, PgwakeMetrics start) {
        this.branches = List.copyOf(branches);
        this.lastWakes = start.wakes(branches);
        STATES.forEach(s -> states.put(s, new ArrayList<>()));
        WAKES.forEach(w -> wakes.put(w, new ArrayList<>()));
    }

    /** One point at {@code atSeconds} from {@code m}; returns the wakes counted since the previous point. */
    WakeCounts add(double atSeconds, PgwakeMetrics m) {
        seconds.add(atSeconds);
        Map<String, Integer> counts = m.stateCounts(branches);
        int other = counts.entrySet().stream().filter(e -> !STATES.contains(e.getKey()) || e.getKey().equals("unknown"))
                .mapToInt(Map.Entry::getValue).sum();
        states.forEach((state, line) -> line.add((double) (state.equals("unknown") ? other : counts.getOrDefault(state, 0))));
        WakeCounts now = m.wakes(branches);
        WakeCounts delta = now.minus(lastWakes);
        lastWakes = now;
        for (String kind : List.of("hot", "warm", "cold")) {
            wakes.get(kind).add((double) delta.ok(kind));
        }
        wakes.get("failed").add((double) delta.failed());
        wakes.get("timed out").add((double) delta.timeouts());
        return delta;
    }

    Timeline states() {
        return new Timeline("Fleet branches by state", "How many of the fleet's branches pgwake reported in each state "
                + "(pgwake_branch_state), from the newest scrape of /metrics at the end of each interval. Compute is up "
                + "while running, idle, resuming or suspending.", "branches", seconds, lines(states));
    }

    Timeline wakes() {
        return new Timeline("Fleet wakes per interval", "Wakes pgwake counted for the fleet's branches in each "
                + "interval (pgwake_wakes_total by kind; failed ones and waits that reached wake_timeout apart).",
                "wakes", seconds, lines(wakes));
    }

    /** The lines that are not zero throughout. */
    private static List<Timeline.Line> lines(Map<String, List<Double>> all) {
        List<Timeline.Line> lines = new ArrayList<>();
        all.forEach((name, values) -> {
            if (values.stream().anyMatch(v -> v != 0)) {
                lines.add(new Timeline.Line(name, values));
            }
        });
        return lines;
    }
}
