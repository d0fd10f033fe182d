package dev.pgwake.proxy.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of the Prometheus text exposition format, for assertions on {@code /metrics}. */
final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusText() {
    }

    /**
     * The sum of the samples named {@code name} whose labels include {@code labels}; 0 when there is none, as a
     * counter not created yet reads.
     */
    static double value(String text, String name, Map<String, String> labels) {
        return matching(text, name, labels).stream().mapToDouble(Double::doubleValue).sum();
    }

    /** True when some sample is named {@code name} and has {@code labels}. */
    static boolean has(String text, String name, Map<String, String> labels) {
        return !matching(text, name, labels).isEmpty();
    }

    private static List<Double> matching(String text, String name, Map<String, String> labels) {
        List<Double> values = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.trim());
            if (!line.startsWith("#") && sample.matches() && sample.group(1).equals(name)
                    && labels(sample.group(3)).entrySet().containsAll(labels.entrySet())) {
                values.add(Double.parseDouble(sample.group(4)));
            }
        }
        return values;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        if (text != null) {
            Matcher label = LABEL.matcher(text);
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }
}
