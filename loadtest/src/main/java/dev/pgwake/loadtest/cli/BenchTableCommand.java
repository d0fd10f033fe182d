package dev.pgwake.loadtest.cli;

import dev.pgwake.loadtest.bench.BenchRun;
import dev.pgwake.loadtest.bench.BenchRuns;
import dev.pgwake.loadtest.bench.BenchTable;
import dev.pgwake.loadtest.bench.BenchTableText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bench-table}: the benchmark script's runs as one table of medians and ratios. */
@Command(name = "bench-table", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Summarise benchmark runs (a TSV file written by bench/compare.sh) as one table: medians per "
                + "workload, client count and target, ratios between targets, failures with their reasons."})
final class BenchTableCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "runs, one per line (TSV with a header)")
    Path input;

    @Option(names = "--targets", paramLabel = "NAME", split = ",", description = "column order of targets, e.g. direct,pgbouncer,pgwake")
    List<String> targets = new ArrayList<>();

    @Option(names = "--ratio", paramLabel = "A/B", description = "show A's TPS and CPU per transaction over B's; repeatable")
    List<String> ratios = new ArrayList<>();

    @Option(names = "--describe", paramLabel = "NAME=TEXT", description = "what a target is (version, pool mode); repeatable")
    Map<String, String> descriptions = new LinkedHashMap<>();

    @Option(names = "--output", paramLabel = "FILE", description = "also write the table to this file")
    Path output;

    @Override
    public Integer call() throws IOException {
        List<BenchTable.RatioSpec> specs = new ArrayList<>();
        List<BenchRun> runs;
        try {
            for (String r : ratios) {
                specs.add(BenchTable.RatioSpec.parse(r));
            }
            Path dir = input.toAbsolutePath().getParent();
            runs = BenchRuns.parse(Files.readAllLines(input), dir);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), input + ": " + e.getMessage());
        }
        String text = BenchTableText.render(BenchTable.of(runs, targets), specs, descriptions);
        System.out.print(text);
        if (output != null) {
            Files.writeString(output, text);
        }
        return ExitCodes.OK;
    }
}
