package dev.pgwake.loadtest.report;

import java.util.List;
import java.util.Objects;

/**
 * Numbers over the run that are not latencies, sampled at the same moments: e.g. fleet branches in each state
 * every second, wakes per interval by kind, storm clients answered so far. Drawn as lines against
 * {@code seconds} (since the start of the run), with the values in a table beside the chart.
 */
public record Timeline(String title, String description, String yTitle, List<Double> seconds, List<Line> lines) {

    /** One line of a timeline: a value per moment of {@code seconds}, {@code null} where there is none. */
    public record Line(String name, List<Double> values) {
        public Line {
            Objects.requireNonNull(name, "name");
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }
    }

    public Timeline {
        Objects.requireNonNull(title, "title");
        description = description == null ? "" : description;
        yTitle = yTitle == null ? "" : yTitle;
        seconds = List.copyOf(seconds);
        lines = List.copyOf(lines);
        for (Line l : lines) {
            if (l.values().size() != seconds.size()) {
                throw new IllegalArgumentException("timeline " + title + ": line " + l.name() + " has " + l.values().size()
                        + " values for " + seconds.size() + " moments");
            }
        }
    }
}
