package dev.pgwake.loadtest.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a run's results go and how it is named: options every scenario command shares. */
public final class ReportOptions {
    @Option(names = "--json", paramLabel = "FILE", order = 40, description = "write every number as JSON")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", order = 41, description = "write a self-contained HTML report with charts")
    Path html;

    @Option(names = "--label", paramLabel = "NAME", order = 42, description = "name this run in reports, e.g. pgwake-session")
    String label;

    @Option(names = {"-q", "--quiet"}, order = 43, description = "no progress lines on stderr")
    boolean quiet;

    /** Where progress lines go: stderr, or nowhere with --quiet. */
    java.io.PrintStream progress() {
        return quiet ? null : System.err;
    }
}
