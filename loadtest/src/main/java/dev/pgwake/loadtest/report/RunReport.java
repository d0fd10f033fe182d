package dev.pgwake.loadtest.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one scenario run measured: the settings it ran with, headline figures, side-by-side
 * comparisons of repeated operations (e.g. wakes through pgwake against the bare server operation),
 * timelines of counts over the run (e.g. branches per state), named latency series (each with its summary, histogram and per-interval history), errors by code, and notes a
 * reader needs to judge the numbers. Reports written before comparisons or timelines existed read with none. Rendered
 * by {@link JsonReport} and {@link HtmlReport}.
 *
 * @param format          identifies the JSON layout ({@value #FORMAT})
 * @param measuredSeconds length of the measured phase (warmup excluded)
 */
public record RunReport(String format, String scenario, String label, String startedAt, double measuredSeconds,
                        Map<String, String> settings, List<Figure> figures, List<Comparison> comparisons,
                        List<Timeline> timelines, List<LatencySeries> latencies, List<ErrorCount> errors, List<String> notes) {
    public static final String FORMAT = "pgwake-loadtest-report/1";

    public RunReport {
        Objects.requireNonNull(scenario, "scenario");
        format = format == null ? FORMAT : format;
        label = label == null ? "" : label;
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings == null ? Map.of() : settings));
        figures = List.copyOf(figures == null ? List.of() : figures);
        comparisons = List.copyOf(comparisons == null ? List.of() : comparisons);
        timelines = List.copyOf(timelines == null ? List.of() : timelines);
        latencies = List.copyOf(latencies == null ? List.of() : latencies);
        errors = List.copyOf(errors == null ? List.of() : errors);
        notes = List.copyOf(notes == null ? List.of() : notes);
    }

    public static Builder builder(String scenario) {
        return new Builder(scenario);
    }

    /** The figure with this key, if the run produced it. */
    public Optional<Figure> figure(String key) {
        return figures.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    public long totalErrors() {
        return errors.stream().mapToLong(ErrorCount::count).sum();
    }

    /** Collects a report's parts in the order they should be shown. */
    public static final class Builder {
        private final String scenario;
        private String label = "";
        private String startedAt = Instant.now().toString();
        private double measuredSeconds;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final List<Figure> figures = new ArrayList<>();
        private final List<Comparison> comparisons = new ArrayList<>();
        private final List<Timeline> timelines = new ArrayList<>();
        private final List<LatencySeries> latencies = new ArrayList<>();
        private final List<ErrorCount> errors = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(String scenario) {
            this.scenario = scenario;
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt.toString();
            return this;
        }

        public Builder measuredSeconds(double seconds) {
            this.measuredSeconds = seconds;
            return this;
        }

        public Builder setting(String name, Object value) {
            settings.put(name, String.valueOf(value));
            return this;
        }

        /** Every entry of {@code more}, in its order. */
        public Builder settings(Map<String, String> more) {
            settings.putAll(more);
            return this;
        }

        public Builder figure(String key, String label, double value, String unit) {
            figures.add(new Figure(key, label, value, unit));
            return this;
        }

        public Builder comparison(Comparison comparison) {
            comparisons.add(comparison);
            return this;
        }

        public Builder timeline(Timeline timeline) {
            timelines.add(timeline);
            return this;
        }

        public Builder latency(LatencySeries series) {
            latencies.add(series);
            return this;
        }

        public Builder errors(List<ErrorCount> counts) {
            errors.addAll(counts);
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public RunReport build() {
            return new RunReport(FORMAT, scenario, label, startedAt, measuredSeconds, settings, figures, comparisons,
                    timelines, latencies, errors, notes);
        }
    }
}
