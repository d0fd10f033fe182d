package dev.pgwake.loadtest.report;

import dev.pgwake.loadtest.stats.LatencySummary;
import dev.pgwake.loadtest.stats.Overhead;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A {@link Comparison} as a section of the HTML report: the side-by-side table (percentiles of both sides,
 * overhead and ratio), a bar chart of p50 with whiskers to p95, every repetition over the run, and the
 * raw values in a collapsed table.
 */
final class ComparisonSection {
    /** Colours per row: the subject's strong, the baseline's light shade of the same hue. */
    private static final String[][] COLORS = {
            {"#4e79a7", "#a0cbe8"}, {"#f28e2b", "#ffbe7d"}, {"#59a14f", "#8cd17d"}, {"#b6992d", "#f1ce63"},
            {"#e15759", "#ff9d9a"}, {"#79706e", "#bab0ac"}};

    private ComparisonSection() {
    }

    static String render(Comparison c) {
        StringBuilder out = new StringBuilder();
        out.append("<h2>").append(Html.escape(c.title())).append("</h2>\n");
        if (!c.description().isEmpty()) {
            out.append("<p>").append(Html.escape(c.description())).append("</p>\n");
        }
        out.append(table(c)).append(bars(c)).append(timeline(c)).append(values(c));
        return out.toString();
    }

    private static String table(Comparison c) {
        boolean base = c.hasBaseline();
        StringBuilder out = new StringBuilder("<table class=\"summary\">\n<tr><th class=\"l\" rowspan=\"2\">")
                .append(Html.escape(c.rowHeading())).append("</th>");
        out.append(groupHead(c.subjectName(), 6));
        if (base) {
            out.append(groupHead(c.baselineName(), 6)).append(groupHead("overhead", 2)).append(groupHead("ratio", 2));
        }
        out.append("</tr>\n<tr>");
        List<String> heads = new ArrayList<>(sideHeads());
        if (base) {
            heads.addAll(sideHeads());
            heads.addAll(List.of("p50", "p95", "p50", "p95"));
        }
        heads.forEach(h -> out.append("<th>").append(h).append("</th>"));
        out.append("</tr>\n");
        for (ComparisonRow row : c.rows()) {
            out.append("<tr><td class=\"l\">").append(Html.escape(row.name())).append("</td>");
            sideCells(row.subject()).forEach(v -> out.append("<td>").append(Html.escape(v)).append("</td>"));
            if (base) {
                List<String> cells = row.baseline() == null ? List.of("-", "-", "-", "-", "-", "-", "-", "-", "-", "-")
                        : baselineCells(row);
                cells.forEach(v -> out.append("<td>").append(Html.escape(v)).append("</td>"));
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n<p class=\"meta\">Milliseconds; n counts successful repetitions");
        if (base) {
            out.append("; overhead = ").append(Html.escape(c.subjectName())).append(" - ").append(Html.escape(c.baselineName()))
                    .append(", ratio = ").append(Html.escape(c.subjectName())).append(" / ").append(Html.escape(c.baselineName()));
        }
        return out.append(".</p>\n").toString();
    }

    private static String groupHead(String name, int span) {
        return "<th colspan=\"" + span + "\">" + Html.escape(name) + "</th>";
    }

    private static List<String> sideHeads() {
        return List.of("n", "errors", "p50", "p95", "p99", "max");
    }

    private static List<String> sideCells(Repetitions r) {
        LatencySummary s = r.summary();
        return List.of(Formats.count(s.count()), Formats.count(r.errors()), Formats.ms(s.p50Ms()), Formats.ms(s.p95Ms()),
                Formats.ms(s.p99Ms()), Formats.ms(s.maxMs()));
    }

    private static List<String> baselineCells(ComparisonRow row) {
        List<String> cells = new ArrayList<>(sideCells(row.baseline()));
        Overhead o = row.overhead();
        cells.add(ComparisonText.signed(o.p50Ms()));
        cells.add(ComparisonText.signed(o.p95Ms()));
        cells.add(ratio(o.p50Ratio()));
        cells.add(ratio(o.p95Ratio()));
        return cells;
    }

    private static String ratio(Double r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%.2fx", r);
    }

    private static String bars(Comparison c) {
        SvgBarChart chart = new SvgBarChart(c.title() + ": p50, whisker to p95", "milliseconds (log scale)", Formats::ms)
                .logY().series(c.subjectName(), COLORS[0][0]);
        if (c.hasBaseline()) {
            chart.series(c.baselineName(), COLORS[0][1]);
        }
        for (ComparisonRow row : c.rows()) {
            chart.add(bar(row.name(), c.subjectName(), row.subject()));
            if (row.baseline() != null) {
                chart.add(bar(row.name(), c.baselineName(), row.baseline()));
            }
        }
        return chart.render();
    }

    private static SvgBarChart.Bar bar(String group, String series, Repetitions r) {
        LatencySummary s = r.summary();
        double p50 = s.p50Ms() == null ? Double.NaN : s.p50Ms();
        return new SvgBarChart.Bar(group, series, p50, s.p95Ms(), group + " " + series + ": p50 " + Formats.ms(s.p50Ms())
                + " ms, p95 " + Formats.ms(s.p95Ms()) + " ms, max " + Formats.ms(s.maxMs()) + " ms, n " + s.count());
    }

    private static String timeline(Comparison c) {
        SvgLineChart chart = new SvgLineChart(c.title() + ": every repetition in order", "repetition",
                "milliseconds (log scale)", Formats::ms).logY().xFormat(x -> "repetition " + Formats.plain(x));
        for (int i = 0; i < c.rows().size(); i++) {
            ComparisonRow row = c.rows().get(i);
            String[] colors = COLORS[i % COLORS.length];
            chart.add(line(row.name() + " " + c.subjectName(), colors[0], row.subject()));
            if (row.baseline() != null) {
                chart.add(line(row.name() + " " + c.baselineName(), colors[1], row.baseline()));
            }
        }
        return chart.render();
    }

    private static SvgLineChart.Series line(String name, String color, Repetitions r) {
        List<Double> x = IntStream.rangeClosed(1, r.valuesMs().size()).mapToObj(i -> (double) i).toList();
        return new SvgLineChart.Series(name, color, x, r.valuesMs());
    }

    private static String values(Comparison c) {
        int n = c.rows().stream().mapToInt(r -> Math.max(r.subject().valuesMs().size(),
                r.baseline() == null ? 0 : r.baseline().valuesMs().size())).max().orElse(0);
        StringBuilder out = new StringBuilder("<details><summary>Every repetition (ms; - failed)</summary>\n<table>\n<tr><th>#</th>");
        List<List<Double>> columns = new ArrayList<>();
        for (ComparisonRow row : c.rows()) {
            out.append("<th>").append(Html.escape(row.name() + " " + c.subjectName())).append("</th>");
            columns.add(row.subject().valuesMs());
            if (row.baseline() != null) {
                out.append("<th>").append(Html.escape(row.name() + " " + c.baselineName())).append("</th>");
                columns.add(row.baseline().valuesMs());
            }
        }
        out.append("</tr>\n");
        for (int i = 0; i < n; i++) {
            out.append("<tr><td>").append(i + 1).append("</td>");
            for (List<Double> col : columns) {
                out.append("<td>").append(i < col.size() ? Formats.ms(col.get(i)) : "").append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</table>\n</details>\n").toString();
    }
}
