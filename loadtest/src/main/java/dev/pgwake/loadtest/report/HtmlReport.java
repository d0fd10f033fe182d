package dev.pgwake.loadtest.report;

import dev.pgwake.loadtest.stats.IntervalSample;
import dev.pgwake.loadtest.stats.LatencySummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link RunReport} as one self-contained HTML page: headline figures, every comparison (table, bar
 * chart, repetitions; {@link ComparisonSection}), every timeline ({@link TimelineSection}), for every latency series its percentiles, percentiles
 * over time, throughput over time and histogram (inline SVG), errors, settings and notes, and the full
 * JSON embedded for anyone who wants the raw numbers. Nothing is fetched when the page is opened.
 */
public final class HtmlReport {
    private static final String[][] PERCENTILE_LINES = {
            {"p50", "#4e79a7"}, {"p90", "#59a14f"}, {"p99", "#f28e2b"}, {"p99.9", "#e15759"}, {"max", "#9c755f"}};

    private final JsonReport json = new JsonReport();

    public void write(RunReport report, Path file) {
        Reports.writeAtomically(file, render(report));
    }

    public String render(RunReport r) {
        String title = "loadtest " + r.scenario() + (r.label().isEmpty() ? "" : " - " + r.label());
        StringBuilder page = new StringBuilder(64 * 1024);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(ReportStyle.CSS)
                .append("</style>\n</head>\n<body>\n");
        page.append("<h1>").append(Html.escape(r.scenario()));
        if (!r.label().isEmpty()) {
            page.append(" <small>").append(Html.escape(r.label())).append("</small>");
        }
        page.append("</h1>\n<p class=\"meta\">Started <code>").append(Html.escape(r.startedAt())).append("</code>, measured for ")
                .append(Formats.seconds(r.measuredSeconds()));
        String target = r.settings().get("url");
        if (target != null) {
            page.append(" against <code>").append(Html.escape(target)).append("</code>");
        }
        page.append(".</p>\n");
        page.append(figures(r));
        for (Comparison c : r.comparisons()) {
            page.append(ComparisonSection.render(c));
        }
        for (Timeline t : r.timelines()) {
            page.append(TimelineSection.render(t));
        }
        for (LatencySeries s : r.latencies()) {
            page.append(latencySection(s));
        }
        page.append(errors(r)).append(settings(r)).append(notes(r));
        page.append("<footer>Made by pgwake-loadtest (").append(Html.escape(r.format()))
                .append("). Latencies are recorded per operation with HdrHistogram (3 significant digits); the complete ")
                .append("numbers are embedded in this page as JSON (element <code>#report-data</code>).</footer>\n");
        page.append("<script type=\"application/json\" id=\"report-data\">\n").append(Html.scriptJson(json.toJson(r)))
                .append("</script>\n</body>\n</html>\n");
        return page.toString();
    }

    private static String figures(RunReport r) {
        if (r.figures().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<div class=\"cards\">\n");
        for (Figure f : r.figures()) {
            boolean bad = f.key().startsWith("errors") && f.value() > 0;
            out.append("<div class=\"card").append(bad ? " bad" : "").append("\" title=\"").append(Html.escape(f.key()))
                    .append("\"><div class=\"v\">").append(Html.escape(Formats.figure(f))).append("</div><div class=\"k\">")
                    .append(Html.escape(f.label())).append("</div></div>\n");
        }
        return out.append("</div>\n").toString();
    }

    private static String latencySection(LatencySeries s) {
        StringBuilder out = new StringBuilder();
        out.append("<h2>").append(Html.escape(s.name())).append("</h2>\n");
        if (s.description() != null && !s.description().isEmpty()) {
            out.append("<p>").append(Html.escape(s.description())).append("</p>\n");
        }
        out.append(summaryTable(s));
        List<IntervalSample> iv = s.intervals();
        List<Double> x = iv.stream().map(IntervalSample::endSeconds).toList();
        double warmupEnd = iv.stream().filter(IntervalSample::warmup).mapToDouble(IntervalSample::endSeconds).max().orElse(Double.NaN);
        double start = iv.isEmpty() ? 0 : iv.get(0).startSeconds();

        SvgLineChart percentiles = new SvgLineChart(s.name() + ": latency percentiles per interval", "seconds since start",
                "latency (ms, log scale)", Formats::ms).logY();
        List<Function<IntervalSample, Double>> getters = List.of(IntervalSample::p50Ms, IntervalSample::p90Ms,
                IntervalSample::p99Ms, IntervalSample::p999Ms, IntervalSample::maxMs);
        for (int i = 0; i < PERCENTILE_LINES.length; i++) {
            percentiles.add(new SvgLineChart.Series(PERCENTILE_LINES[i][0], PERCENTILE_LINES[i][1], x,
                    iv.stream().map(getters.get(i)).toList()));
        }
        SvgLineChart throughput = new SvgLineChart(s.name() + ": throughput per interval", "seconds since start",
                "operations per second", Formats::rate)
                .add(new SvgLineChart.Series("completed/s", "#4e79a7", x, iv.stream().map(i -> i.throughput()).toList()));
        if (iv.stream().anyMatch(i -> i.errors() > 0)) {
            throughput.add(new SvgLineChart.Series("errors/s", "#e15759", x, iv.stream()
                    .map(i -> i.lengthSeconds() > 0 ? i.errors() / i.lengthSeconds() : 0.0).toList()));
        }
        if (!Double.isNaN(warmupEnd)) {
            percentiles.shade(start, warmupEnd, "warmup");
            throughput.shade(start, warmupEnd, "warmup");
        }
        out.append(percentiles.render()).append(throughput.render());
        LatencySummary sum = s.summary();
        out.append(new SvgHistogramChart(s.name() + ": latency histogram (measured phase)", s.histogram())
                .marker("p50", sum.p50Ms()).marker("p99", sum.p99Ms()).marker("p99.9", sum.p999Ms()).render());
        out.append(intervalTable(iv));
        return out.toString();
    }

    private static String summaryTable(LatencySeries s) {
        LatencySummary m = s.summary();
        String[] heads = {"completed", "errors", "per second", "min", "mean", "p50", "p90", "p95", "p99", "p99.9", "p99.99", "max"};
        String[] cells = {Formats.count(m.count()), Formats.count(s.errors()), Formats.rate(s.throughput()),
                Formats.ms(m.minMs()), Formats.ms(m.meanMs()), Formats.ms(m.p50Ms()), Formats.ms(m.p90Ms()),
                Formats.ms(m.p95Ms()), Formats.ms(m.p99Ms()), Formats.ms(m.p999Ms()), Formats.ms(m.p9999Ms()),
                Formats.ms(m.maxMs())};
        StringBuilder out = new StringBuilder("<table class=\"summary\">\n<tr>");
        for (String h : heads) {
            out.append("<th>").append(h).append("</th>");
        }
        out.append("</tr>\n<tr>");
        for (String c : cells) {
            out.append("<td>").append(Html.escape(c)).append("</td>");
        }
        return out.append("</tr>\n</table>\n<p class=\"meta\">Latencies in milliseconds, measured phase only.</p>\n").toString();
    }

    private static String intervalTable(List<IntervalSample> iv) {
        StringBuilder out = new StringBuilder("<details><summary>Every interval (")
                .append(iv.size()).append(")</summary>\n<table>\n<tr><th>from s</th><th>to s</th><th class=\"l\">phase</th>")
                .append("<th>completed</th><th>per second</th><th>errors</th><th>p50</th><th>p90</th><th>p99</th>")
                .append("<th>p99.9</th><th>max</th></tr>\n");
        for (IntervalSample i : iv) {
            out.append("<tr").append(i.warmup() ? " class=\"warmup\"" : "").append("><td>").append(oneDecimal(i.startSeconds()))
                    .append("</td><td>").append(oneDecimal(i.endSeconds())).append("</td><td class=\"l\">")
                    .append(i.warmup() ? "warmup" : "measured").append("</td><td>").append(Formats.count(i.count()))
                    .append("</td><td>").append(Formats.rate(i.throughput())).append("</td><td>").append(Formats.count(i.errors()))
                    .append("</td><td>").append(Formats.ms(i.p50Ms())).append("</td><td>").append(Formats.ms(i.p90Ms()))
                    .append("</td><td>").append(Formats.ms(i.p99Ms())).append("</td><td>").append(Formats.ms(i.p999Ms()))
                    .append("</td><td>").append(Formats.ms(i.maxMs())).append("</td></tr>\n");
        }
        return out.append("</table>\n</details>\n").toString();
    }

    private static String oneDecimal(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    private static String errors(RunReport r) {
        StringBuilder out = new StringBuilder("<h2>Errors</h2>\n");
        if (r.errors().isEmpty()) {
            return out.append("<p>None.</p>\n").toString();
        }
        out.append("<table>\n<tr><th class=\"l\">code</th><th>count</th><th class=\"l\">first message</th></tr>\n");
        for (ErrorCount e : r.errors()) {
            out.append("<tr><td class=\"l\">").append(Html.escape(e.code())).append("</td><td>").append(Formats.count(e.count()))
                    .append("</td><td class=\"msg\">").append(Html.escape(e.firstMessage())).append("</td></tr>\n");
        }
        return out.append("</table>\n").toString();
    }

    private static String settings(RunReport r) {
        StringBuilder out = new StringBuilder("<h2>Settings</h2>\n<table>\n");
        for (Map.Entry<String, String> e : r.settings().entrySet()) {
            out.append("<tr><th class=\"l\">").append(Html.escape(e.getKey())).append("</th><td class=\"msg\">")
                    .append(Html.escape(e.getValue())).append("</td></tr>\n");
        }
        return out.append("</table>\n").toString();
    }

    private static String notes(RunReport r) {
        if (r.notes().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<h2>Reading these numbers</h2>\n<ul class=\"notes\">\n");
        for (String n : r.notes()) {
            out.append("<li>").append(Html.escape(n)).append("</li>\n");
        }
        return out.append("</ul>\n").toString();
    }
}
