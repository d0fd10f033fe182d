package dev.pgwake.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Lines over time as inline SVG: several series against one x axis (seconds), linear or log y, an optional
 * shaded x range (the warmup), a legend, and a tooltip on every point while there are few enough points.
 */
final class SvgLineChart {
    /** Points beyond which markers (and their tooltips) are left out to keep the page small. */
    static final int MAX_MARKERS = 400;

    /** One line; a {@code null} y leaves a gap. */
    record Series(String name, String color, List<Double> x, List<Double> y) {
        Series {
            if (x.size() != y.size()) {
                throw new IllegalArgumentException("series " + name + ": " + x.size() + " x values, " + y.size() + " y values");
            }
        }
    }

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final DoubleFunction<String> yFormat;
    private final List<Series> series = new ArrayList<>();
    private boolean logY;
    private double shadeFrom = Double.NaN;
    private double shadeTo = Double.NaN;
    private String shadeLabel;
    private DoubleFunction<String> xFormat = Formats::seconds;

    SvgLineChart(String title, String xTitle, String yTitle, DoubleFunction<String> yFormat) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.yFormat = yFormat;
    }

    SvgLineChart add(Series s) {
        series.add(s);
        return this;
    }

    /** How a point's x value reads in its tooltip; seconds ({@code 3.0 s}) unless set. */
    SvgLineChart xFormat(DoubleFunction<String> format) {
        this.xFormat = format;
        return this;
    }

    SvgLineChart logY() {
        this.logY = true;
        return this;
    }

    SvgLineChart shade(double from, double to, String label) {
        this.shadeFrom = from;
        this.shadeTo = to;
        this.shadeLabel = label;
        return this;
    }

    String render() {
        Svg svg = new Svg(title);
        double[] xr = range(true);
        double[] yr = range(false);
        if (xr == null || yr == null) {
            return svg.empty("no data").end();
        }
        Axis xAxis = Axis.linear(Math.min(0, xr[0]), xr[1]); // time since the start: from 0
        Axis yAxis = logY ? Axis.log(yr[0], yr[1]) : Axis.linearFromZero(yr[1]);
        if (!Double.isNaN(shadeFrom) && shadeTo > shadeFrom) {
            double x1 = Svg.x(xAxis.fraction(shadeFrom));
            double x2 = Svg.x(xAxis.fraction(shadeTo));
            svg.raw("<rect class=\"shade\" x=\"" + Svg.num(x1) + "\" y=\"" + Svg.TOP + "\" width=\"" + Svg.num(x2 - x1)
                    + "\" height=\"" + Svg.PLOT_HEIGHT + "\"/>\n");
            svg.text((x1 + x2) / 2, Svg.TOP + 12, "shade-label", "middle", shadeLabel);
        }
        svg.axes(xAxis, v -> Formats.plain(v), xTitle, yAxis, yFormat, yTitle);
        int points = series.stream().mapToInt(s -> s.x().size()).sum();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            svg.raw(path(s, xAxis, yAxis));
            if (points <= MAX_MARKERS) {
                svg.raw(markers(s, xAxis, yAxis));
            }
            svg.legend(i, s.color(), s.name());
        }
        return svg.end();
    }

    private String path(Series s, Axis xAxis, Axis yAxis) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < s.x().size(); i++) {
            Double v = s.y().get(i);
            if (!plottable(v)) {
                pen = false;
                continue;
            }
            d.append(pen ? " L" : " M").append(Svg.num(Svg.x(xAxis.fraction(s.x().get(i))))).append(' ')
                    .append(Svg.num(Svg.y(yAxis.fraction(v))));
            pen = true;
        }
        return d.length() == 0 ? "" : "<path class=\"series\" stroke=\"" + s.color() + "\" d=\"" + d.toString().strip() + "\"/>\n";
    }

    private String markers(Series s, Axis xAxis, Axis yAxis) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.x().size(); i++) {
            Double v = s.y().get(i);
            if (!plottable(v)) {
                continue;
            }
            out.append("<circle class=\"point\" fill=\"").append(s.color()).append("\" cx=\"")
                    .append(Svg.num(Svg.x(xAxis.fraction(s.x().get(i))))).append("\" cy=\"")
                    .append(Svg.num(Svg.y(yAxis.fraction(v)))).append("\" r=\"2.2\"><title>")
                    .append(Html.escape(s.name() + " at " + xFormat.apply(s.x().get(i)) + ": " + yFormat.apply(v)))
                    .append("</title></circle>\n");
        }
        return out.toString();
    }

    private boolean plottable(Double v) {
        return v != null && !v.isNaN() && !v.isInfinite() && (!logY || v > 0);
    }

    /** {min, max} over all series' x (or plottable y) values; null when there is nothing to draw. */
    private double[] range(boolean xs) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().size(); i++) {
                if (!plottable(s.y().get(i))) {
                    continue;
                }
                double v = xs ? s.x().get(i) : s.y().get(i);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min > max ? null : new double[] {min, max};
    }
}
