package dev.pgwake.loadtest.report;

/** A {@link Timeline} as a section of the HTML report: a line chart and the values in a collapsed table. */
final class TimelineSection {
    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b6992d", "#76b7b2",
            "#af7aa1", "#9c755f", "#79706e"};

    private TimelineSection() {
    }

    static String render(Timeline t) {
        StringBuilder out = new StringBuilder("<h2>").append(Html.escape(t.title())).append("</h2>\n");
        if (!t.description().isEmpty()) {
            out.append("<p>").append(Html.escape(t.description())).append("</p>\n");
        }
        SvgLineChart chart = new SvgLineChart(t.title(), "seconds since start", t.yTitle(), Formats::plain);
        for (int i = 0; i < t.lines().size(); i++) {
            Timeline.Line line = t.lines().get(i);
            chart.add(new SvgLineChart.Series(line.name(), COLORS[i % COLORS.length], t.seconds(), line.values()));
        }
        return out.append(chart.render()).append(table(t)).toString();
    }

    private static String table(Timeline t) {
        StringBuilder out = new StringBuilder("<details><summary>Values (").append(t.seconds().size())
                .append(")</summary>\n<table>\n<tr><th>s</th>");
        t.lines().forEach(l -> out.append("<th>").append(Html.escape(l.name())).append("</th>"));
        out.append("</tr>\n");
        for (int i = 0; i < t.seconds().size(); i++) {
            out.append("<tr><td>").append(String.format(java.util.Locale.ROOT, "%.1f", t.seconds().get(i))).append("</td>");
            for (Timeline.Line l : t.lines()) {
                Double v = l.values().get(i);
                out.append("<td>").append(v == null ? "-" : Formats.plain(v)).append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</table>\n</details>\n").toString();
    }
}
