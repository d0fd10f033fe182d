package dev.pgwake.loadtest.branch;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape of pgwake's {@code /metrics}, reduced to what loadtest reads per branch: its state, compute and wall
 * seconds, and its wake counters. {@code startedNanos} is when the scrape was sent ({@code System.nanoTime}):
 * everything pgwake had counted by then is in it.
 */
public final class PgwakeMetrics {
    static final String WAKES = "pgwake_wakes_total";
    static final String TIMEOUTS = "pgwake_wake_timeouts_total";
    static final String STATE = "pgwake_branch_state";
    static final String COMPUTE = "pgwake_branch_compute_seconds_total";
    static final String WALL = "pgwake_branch_wall_seconds_total";

    /** One branch's series; {@code state} is empty when pgwake did not report one. */
    public record Branch(String state, double computeSeconds, double wallSeconds, WakeCounts wakes) {
        static final Branch ABSENT = new Branch("", 0, 0, WakeCounts.NONE);
    }

    private final long startedNanos;
    private final Map<String, Branch> branches;

    private PgwakeMetrics(long startedNanos, Map<String, Branch> branches) {
        this.startedNanos = startedNanos;
        this.branches = Map.copyOf(branches);
    }

    /** Reads the samples of one scrape sent at {@code startedNanos}. */
    public static PgwakeMetrics of(long startedNanos, List<MetricSample> samples) {
        Map<String, Reading> readings = new HashMap<>();
        for (MetricSample s : samples) {
            if (s.name().startsWith("pgwake_")) {
                readings.computeIfAbsent(s.label("branch"), b -> new Reading()).add(s);
            }
        }
        Map<String, Branch> branches = new HashMap<>();
        readings.forEach((name, r) -> {
            if (r.seen) {
                branches.put(name, r.branch());
            }
        });
        return new PgwakeMetrics(startedNanos, branches);
    }

    /** What one scrape says of one branch, gathered sample by sample. */
    private static final class Reading {
        private boolean seen;
        private String state = "";
        private double compute;
        private double wall;
        private final Map<String, Long> ok = new TreeMap<>();
        private long failed;
        private long timeouts;

        void add(MetricSample s) {
            switch (s.name()) {
                case STATE -> state = s.value() == 1 ? s.label("state") : state;
                case COMPUTE -> compute = s.value();
                case WALL -> wall = s.value();
                case WAKES -> wake(s);
                case TIMEOUTS -> timeouts += Math.round(s.value());
                default -> {
                    return; // another pgwake series (clients, allocator...): not read
                }
            }
            seen = true;
        }

        private void wake(MetricSample s) {
            if (s.label("outcome").equals("ok")) {
                ok.merge(s.label("kind"), Math.round(s.value()), Long::sum);
            } else {
                failed += Math.round(s.value());
            }
        }

        Branch branch() {
            return new Branch(state, compute, wall, new WakeCounts(ok, failed, timeouts));
        }
    }

    public long startedNanos() {
        return startedNanos;
    }

    /** The branch's series; empty ones (no state, zeros) when pgwake reported none for it. */
    public Branch branch(String name) {
        return branches.getOrDefault(name, Branch.ABSENT);
    }

    public boolean has(String name) {
        return branches.containsKey(name);
    }

    /** The wake counters of {@code names} added up. */
    public WakeCounts wakes(Collection<String> names) {
        WakeCounts sum = WakeCounts.NONE;
        for (String n : names) {
            sum = sum.plus(branch(n).wakes());
        }
        return sum;
    }

    /** How many of {@code names} are in each state, by state. */
    public Map<String, Integer> stateCounts(Collection<String> names) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String n : names) {
            String state = branch(n).state();
            counts.merge(state.isEmpty() ? "unknown" : state, 1, Integer::sum);
        }
        return counts;
    }
}
