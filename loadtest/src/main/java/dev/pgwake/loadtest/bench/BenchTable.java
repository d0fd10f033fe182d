package dev.pgwake.loadtest.bench;

import dev.pgwake.loadtest.stats.Ratio;
import dev.pgwake.loadtest.stats.Spread;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Runs grouped by workload and client count, one {@link Cell} per target with the median (and range) of
 * each metric over its successful rounds, failures kept with their reasons as numbered footnotes.
 */
public final class BenchTable {
    /** Rows whose workload starts with this are idle-connection runs, shown in their own table. */
    public static final String IDLE_PREFIX = "idle";
    /** Rows whose workload starts with this are storms on a sleeping branch, shown in their own table. */
    public static final String STORM_PREFIX = "storm";

    /** One target's rounds of one workload: how many ran, how many failed, and the medians of the rest. */
    public record Cell(String target, int runs, int failed, Map<String, Spread> metrics, List<Integer> footnotes) {
        public OptionalDouble median(String metric) {
            Spread s = metrics.get(metric);
            return s == null ? OptionalDouble.empty() : OptionalDouble.of(s.median());
        }

        public boolean allFailed() {
            return runs > 0 && failed == runs;
        }
    }

    /** One workload at one client count, with a cell per target that ran it. */
    public record Row(String workload, int clients, List<Cell> cells) {
        public Optional<Cell> cell(String target) {
            return cells.stream().filter(c -> c.target().equals(target)).findFirst();
        }

        public boolean idle() {
            return workload.startsWith(IDLE_PREFIX);
        }

        public boolean storm() {
            return workload.startsWith(STORM_PREFIX);
        }
    }

    /** {@code subject/baseline}, e.g. {@code pgwake/pgbouncer}. */
    public record RatioSpec(String subject, String baseline) {
        public static RatioSpec parse(String text) {
            String[] parts = text.split("/");
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("a ratio is SUBJECT/BASELINE (e.g. pgwake/pgbouncer), not '" + text + "'");
            }
            return new RatioSpec(parts[0].strip(), parts[1].strip());
        }

        @Override
        public String toString() {
            return subject + "/" + baseline;
        }
    }

    private final List<Row> rows;
    private final List<String> footnotes;
    private final List<String> targets;
    private final int rounds;

    private BenchTable(List<Row> rows, List<String> footnotes, List<String> targets, int rounds) {
        this.rows = rows;
        this.footnotes = footnotes;
        this.targets = targets;
        this.rounds = rounds;
    }

    /** Groups {@code runs}; targets appear in {@code targetOrder} first, then in the order first seen. */
    public static BenchTable of(List<BenchRun> runs, List<String> targetOrder) {
        LinkedHashSet<String> targets = new LinkedHashSet<>(targetOrder);
        Map<String, List<BenchRun>> groups = new LinkedHashMap<>();
        int rounds = 0;
        for (BenchRun r : runs) {
            targets.add(r.target());
            groups.computeIfAbsent(r.workload() + "\t" + r.clients(), k -> new ArrayList<>()).add(r);
            rounds = Math.max(rounds, r.round());
        }
        List<String> footnotes = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (List<BenchRun> group : groups.values()) {
            List<Cell> cells = new ArrayList<>();
            for (String target : targets) {
                List<BenchRun> mine = group.stream().filter(r -> r.target().equals(target)).toList();
                if (!mine.isEmpty()) {
                    cells.add(cell(target, mine, footnotes));
                }
            }
            rows.add(new Row(group.get(0).workload(), group.get(0).clients(), List.copyOf(cells)));
        }
        return new BenchTable(List.copyOf(rows), List.copyOf(footnotes), List.copyOf(targets), rounds);
    }

    private static Cell cell(String target, List<BenchRun> runs, List<String> footnotes) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        List<Integer> notes = new ArrayList<>();
        int failed = 0;
        for (BenchRun r : runs) {
            if (!r.ok()) {
                failed++;
                String note = target + ": " + (r.reason().isEmpty() ? "no reason recorded" : r.reason());
                int index = footnotes.indexOf(note);
                if (index < 0) {
                    footnotes.add(note);
                    index = footnotes.size() - 1;
                }
                if (!notes.contains(index + 1)) {
                    notes.add(index + 1);
                }
                continue;
            }
            r.values().forEach((k, v) -> {
                if (!k.equals(BenchRun.Metric.CPU_US_PER_TX)) {
                    values.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                }
            });
            r.cpuPerTransaction().ifPresent(v -> values.computeIfAbsent(BenchRun.Metric.CPU_US_PER_TX, x -> new ArrayList<>()).add(v));
        }
        Map<String, Spread> metrics = new LinkedHashMap<>();
        values.forEach((k, v) -> metrics.put(k, Spread.of(v.stream().mapToDouble(Double::doubleValue).toArray())));
        return new Cell(target, runs.size(), failed, Map.copyOf(metrics), List.copyOf(notes));
    }

    /** {@code spec.subject}'s median of {@code metric} over {@code spec.baseline}'s, in one row. */
    public static OptionalDouble ratio(Row row, RatioSpec spec, String metric) {
        Optional<Cell> subject = row.cell(spec.subject());
        Optional<Cell> baseline = row.cell(spec.baseline());
        if (subject.isEmpty() || baseline.isEmpty()) {
            return OptionalDouble.empty();
        }
        OptionalDouble a = subject.get().median(metric);
        OptionalDouble b = baseline.get().median(metric);
        if (a.isEmpty() || b.isEmpty()) {
            return OptionalDouble.empty();
        }
        return Ratio.of(a.getAsDouble(), b.getAsDouble());
    }

    public List<Row> rows() {
        return rows;
    }

    /** Failure reasons; cells refer to them by number, from 1. */
    public List<String> footnotes() {
        return footnotes;
    }

    public List<String> targets() {
        return targets;
    }

    /** The highest round number seen. */
    public int rounds() {
        return rounds;
    }
}
