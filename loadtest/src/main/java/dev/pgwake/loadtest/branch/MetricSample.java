package dev.pgwake.loadtest.branch;

import java.util.Map;

/** One line of Prometheus text: {@code name{label="value",...} value}. */
public record MetricSample(String name, Map<String, String> labels, double value) {
    public MetricSample {
        labels = Map.copyOf(labels);
    }

    /** The label's value, or {@code ""} when the sample has no such label. */
    public String label(String key) {
        return labels.getOrDefault(key, "");
    }
}
