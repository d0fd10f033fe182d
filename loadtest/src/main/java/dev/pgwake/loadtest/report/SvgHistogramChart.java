package dev.pgwake.loadtest.report;

import dev.pgwake.loadtest.stats.HistogramBucket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A latency histogram as inline SVG: log-spaced buckets on a logarithmic millisecond axis, bar heights as
 * a share of all operations, and dashed markers at chosen percentiles. Each bar has a tooltip with its
 * range and count.
 */
final class SvgHistogramChart {
    private static final String BAR_COLOR = "#4e79a7";

    /** A labelled vertical line, e.g. p99 at 2.1 ms. */
    record Marker(String name, double ms) {
    }

    private final String title;
    private final List<HistogramBucket> buckets;
    private final List<Marker> markers = new ArrayList<>();

    SvgHistogramChart(String title, List<HistogramBucket> buckets) {
        this.title = title;
        this.buckets = List.copyOf(buckets);
    }

    SvgHistogramChart marker(String name, Double ms) {
        if (ms != null && ms > 0) {
            markers.add(new Marker(name, ms));
        }
        return this;
    }

    String render() {
        Svg svg = new Svg(title);
        long total = buckets.stream().mapToLong(HistogramBucket::count).sum();
        if (total == 0) {
            return svg.empty("no operations recorded").end();
        }
        double lowest = buckets.get(0).lowerMs();
        double highest = buckets.get(buckets.size() - 1).upperMs();
        Axis xAxis = Axis.log(lowest, highest);
        double maxShare = buckets.stream().mapToDouble(b -> (double) b.count() / total).max().orElse(1);
        Axis yAxis = Axis.linearFromZero(maxShare * 100);
        svg.axes(xAxis, Formats::ms, "latency (ms, log scale)", yAxis, v -> Formats.plain(v) + "%", "share of operations");
        for (HistogramBucket b : buckets) {
            if (b.count() == 0) {
                continue;
            }
            double x1 = Svg.x(xAxis.fraction(b.lowerMs()));
            double x2 = Svg.x(xAxis.fraction(b.upperMs()));
            double share = 100.0 * b.count() / total;
            double top = Svg.y(yAxis.fraction(share));
            svg.raw("<rect class=\"bar\" fill=\"" + BAR_COLOR + "\" x=\"" + Svg.num(x1) + "\" y=\"" + Svg.num(top)
                    + "\" width=\"" + Svg.num(Math.max(1, x2 - x1 - 1)) + "\" height=\"" + Svg.num(Svg.TOP + Svg.PLOT_HEIGHT - top)
                    + "\"><title>" + Html.escape(Formats.ms(b.lowerMs()) + " to " + Formats.ms(b.upperMs()) + " ms: "
                    + Formats.count(b.count()) + String.format(Locale.ROOT, " (%.2f%%)", share)) + "</title></rect>\n");
        }
        for (int i = 0; i < markers.size(); i++) {
            Marker m = markers.get(i);
            double x = Svg.x(xAxis.fraction(m.ms()));
            svg.line(x, Svg.TOP, x, Svg.TOP + Svg.PLOT_HEIGHT, "marker");
            svg.text(x + 3, Svg.TOP + 12 + 13 * i, "marker-label", "start", m.name() + " " + Formats.ms(m.ms()) + " ms");
        }
        svg.legend(0, BAR_COLOR, "operations");
        return svg.end();
    }
}
