package dev.pgwake.loadtest.branch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (version 0.0.4), as pgwake's {@code GET /metrics} serves it:
 * {@code # HELP}/{@code # TYPE} comments and blank lines are skipped, every other line is
 * {@code name[{labels}] value [timestamp]}. Label values may hold {@code \"}, {@code \\} and {@code \n}.
 */
public final class PrometheusText {
    private PrometheusText() {
    }

    /** @throws IllegalArgumentException on a line that is not a sample, naming it */
    public static List<MetricSample> parse(String text) {
        List<MetricSample> samples = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            try {
                samples.add(sample(l));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("metrics line " + lineNo + " is not a sample (" + e.getMessage() + "): "
                        + (l.length() > 200 ? l.substring(0, 200) + "..." : l), e);
            }
        }
        return samples;
    }

    private static MetricSample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new HashMap<>();
        String name;
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            rest = labels(line, brace + 1, labels);
        } else {
            if (space < 0) {
                throw new IllegalArgumentException("no value");
            }
            name = line.substring(0, space);
            rest = space;
        }
        String[] valueAndTime = line.substring(rest).strip().split("\\s+");
        return new MetricSample(name, labels, value(valueAndTime[0]));
    }

    /** Reads {@code a="x",b="y"}} from {@code at}; returns the index after the closing brace. */
    private static int labels(String line, int at, Map<String, String> into) {
        int i = at;
        while (true) {
            while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
                i++;
            }
            if (i >= line.length()) {
                throw new IllegalArgumentException("no closing brace");
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("a label without a quoted value");
            }
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            i = quoted(line, eq + 2, value);
            into.put(key, value.toString());
        }
    }

    /** Reads an escaped value up to its closing quote into {@code out}; returns the index after the quote. */
    private static int quoted(String line, int at, StringBuilder out) {
        for (int i = at; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        throw new IllegalArgumentException("an unterminated label value");
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
