package dev.pgwake.loadtest.cli;

import dev.pgwake.loadtest.report.Comparison;
import dev.pgwake.loadtest.report.ComparisonText;
import dev.pgwake.loadtest.report.Figure;
import dev.pgwake.loadtest.report.Formats;
import dev.pgwake.loadtest.report.HtmlReport;
import dev.pgwake.loadtest.report.JsonReport;
import dev.pgwake.loadtest.report.RunReport;
import dev.pgwake.loadtest.scenario.RunContext;
import dev.pgwake.loadtest.scenario.Scenario;
import dev.pgwake.loadtest.scenario.ScenarioException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Runs a scenario, writes the reports asked for, prints the headline figures, and picks the exit code. */
final class ScenarioRunner {
    private ScenarioRunner() {
    }

    static int run(Scenario scenario, RunContext context, ReportOptions options, PrintStream out, PrintStream err) {
        return run(scenario, context, options.json, options.html, out, err);
    }

    /** Runs {@code scenario}; writes JSON and HTML reports to the files given ({@code null}: not written). */
    static int run(Scenario scenario, RunContext context, Path json, Path html, PrintStream out, PrintStream err) {
        RunReport report;
        try {
            report = scenario.run(context);
        } catch (ScenarioException e) {
            err.println(scenario.name() + ": " + e.getMessage());
            return ExitCodes.CANNOT_RUN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(scenario.name() + ": interrupted");
            return ExitCodes.CANNOT_RUN;
        }
        printSummary(report, out);
        try {
            if (json != null) {
                new JsonReport().write(report, json);
                out.println("JSON report: " + json.toAbsolutePath());
            }
            if (html != null) {
                new HtmlReport().write(report, html);
                out.println("HTML report: " + html.toAbsolutePath());
            }
        } catch (UncheckedIOException e) {
            err.println(scenario.name() + ": " + e.getMessage());
            return ExitCodes.CANNOT_RUN;
        }
        return report.totalErrors() > 0 || report.figure("errors").map(f -> f.value() > 0).orElse(false)
                ? ExitCodes.ERRORS : ExitCodes.OK;
    }

    static void printSummary(RunReport report, PrintStream out) {
        out.println(report.scenario() + (report.label().isEmpty() ? "" : " (" + report.label() + ")") + ", measured "
                + Formats.seconds(report.measuredSeconds()) + ":");
        for (Comparison c : report.comparisons()) {
            out.print(ComparisonText.render(c));
        }
        for (Figure f : report.figures()) {
            out.println("  " + f.label() + ": " + Formats.figure(f));
        }
        report.errors().forEach(e -> out.println("  error " + e.code() + " x" + Formats.count(e.count()) + ": " + e.firstMessage()));
    }
}
