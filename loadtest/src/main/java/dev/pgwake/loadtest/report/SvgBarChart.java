package dev.pgwake.loadtest.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * Grouped bars as inline SVG: one group per category along x (e.g. hot, warm, cold), one bar per series in
 * each group (e.g. pgwake, bare), on a linear or logarithmic y axis. A bar may carry a whisker to a second
 * value (e.g. from p50 up to p95). Each bar is labelled with its value and has a tooltip.
 */
final class SvgBarChart {
    private static final double GROUP_FILL = 0.7;

    /** One bar; {@code whisker} ({@code null} for none) is drawn as a line from the bar's top to that value. */
    record Bar(String group, String series, double value, Double whisker, String tooltip) {
    }

    private final String title;
    private final String yTitle;
    private final DoubleFunction<String> yFormat;
    private final Map<String, String> seriesColors = new LinkedHashMap<>();
    private final List<Bar> bars = new ArrayList<>();
    private boolean logY;

    SvgBarChart(String title, String yTitle, DoubleFunction<String> yFormat) {
        this.title = title;
        this.yTitle = yTitle;
        this.yFormat = yFormat;
    }

    /** Declares a series: bars of each group are drawn in the order series are declared. */
    SvgBarChart series(String name, String color) {
        seriesColors.put(name, color);
        return this;
    }

    SvgBarChart add(Bar bar) {
        if (!seriesColors.containsKey(bar.series())) {
            throw new IllegalArgumentException("undeclared series " + bar.series());
        }
        bars.add(bar);
        return this;
    }

    SvgBarChart logY() {
        this.logY = true;
        return this;
    }

    String render() {
        Svg svg = new Svg(title);
        List<Bar> drawn = bars.stream().filter(b -> plottable(b.value())).toList();
        if (drawn.isEmpty()) {
            return svg.empty("no data").end();
        }
        double min = drawn.stream().mapToDouble(Bar::value).min().orElseThrow();
        double max = drawn.stream().mapToDouble(b -> plottable(b.whisker()) ? Math.max(b.value(), b.whisker()) : b.value())
                .max().orElseThrow();
        Axis yAxis = logY ? Axis.log(min, max) : Axis.linearFromZero(max);
        svg.yAxis(yAxis, yFormat, yTitle).xAxisLine("");
        Set<String> groups = new LinkedHashSet<>();
        bars.forEach(b -> groups.add(b.group()));
        List<String> series = new ArrayList<>(seriesColors.keySet());
        double groupWidth = (double) Svg.PLOT_WIDTH / groups.size();
        double barWidth = groupWidth * GROUP_FILL / series.size();
        int g = 0;
        for (String group : groups) {
            double groupLeft = Svg.LEFT + g * groupWidth;
            svg.text(groupLeft + groupWidth / 2, Svg.TOP + Svg.PLOT_HEIGHT + 18, "tick", "middle", group);
            for (Bar b : drawn) {
                if (b.group().equals(group)) {
                    double left = groupLeft + groupWidth * (1 - GROUP_FILL) / 2 + series.indexOf(b.series()) * barWidth;
                    bar(svg, b, left, barWidth, yAxis);
                }
            }
            g++;
        }
        for (int i = 0; i < series.size(); i++) {
            svg.legend(i, seriesColors.get(series.get(i)), series.get(i));
        }
        return svg.end();
    }

    private void bar(Svg svg, Bar b, double left, double width, Axis yAxis) {
        double bottom = Svg.TOP + Svg.PLOT_HEIGHT;
        double top = Svg.y(yAxis.fraction(b.value()));
        svg.raw("<rect class=\"bar\" fill=\"" + seriesColors.get(b.series()) + "\" x=\"" + Svg.num(left + 1) + "\" y=\""
                + Svg.num(top) + "\" width=\"" + Svg.num(Math.max(1, width - 2)) + "\" height=\"" + Svg.num(bottom - top)
                + "\"><title>" + Html.escape(b.tooltip()) + "</title></rect>\n");
        double center = left + width / 2;
        double labelAt = top;
        if (plottable(b.whisker())) {
            double end = Svg.y(yAxis.fraction(b.whisker()));
            svg.line(center, top, center, end, "whisker");
            svg.line(center - width / 6, end, center + width / 6, end, "whisker");
            labelAt = Math.min(top, end);
        }
        svg.text(center, labelAt - 4, "bar-label", "middle", yFormat.apply(b.value()));
    }

    private boolean plottable(Double v) {
        return v != null && !v.isNaN() && !v.isInfinite() && (logY ? v > 0 : v >= 0);
    }
}
