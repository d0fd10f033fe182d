package dev.pgwake.loadtest.cli;

import dev.pgwake.loadtest.oltp.Mix;
import dev.pgwake.loadtest.oltp.OltpScenario;
import dev.pgwake.loadtest.oltp.QueryMode;
import dev.pgwake.loadtest.scenario.RunContext;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code oltp}: pgbench's transactions from N clients. */
@Command(name = "oltp", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"N clients run pgbench's transactions back to back: throughput, latency percentiles "
                + "(p50/p95/p99/p99.9, overall and per second) and errors.",
                "Uses pgbench's tables (pgbench_accounts ...) if present; --init creates them."},
        footer = {"", "Defaults: --clients 10 --duration 30s --warmup 5s.",
                "Exit codes: 0 no errors; 1 completed with errors; 2 bad command line; 3 nothing measured."})
final class OltpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--mix", paramLabel = "MIX", defaultValue = "read-only",
            description = "read-only (pgbench -S) or read-write (pgbench's TPC-B-like default); default ${DEFAULT-VALUE}")
    String mix;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "simple",
            description = "simple (preferQueryMode=simple), extended (unnamed statements, prepareThreshold=0) or "
                    + "prepared (named statements, prepareThreshold=1); default ${DEFAULT-VALUE}")
    String mode;

    @Option(names = "--init", description = "drop and create the pgbench tables first (as pgbench -i does)")
    boolean init;

    @Option(names = "--scale", paramLabel = "S", description = "with --init: 100,000 accounts per unit (default 1)")
    Integer scale;

    @Override
    public Integer call() {
        Mix m;
        QueryMode q;
        try {
            m = Mix.parse(mix);
            q = QueryMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (scale != null && !init) {
            throw new ParameterException(spec.commandLine(), "--scale goes with --init (existing tables keep their scale)");
        }
        if (scale != null && scale < 1) {
            throw new ParameterException(spec.commandLine(), "--scale must be at least 1");
        }
        RunContext context = run.context(spec, 10, Duration.ofSeconds(30), Duration.ofSeconds(5));
        OltpScenario scenario = new OltpScenario(m, q, init ? (scale == null ? 1 : scale) : null);
        return ScenarioRunner.run(scenario, context, run.report, System.out, System.err);
    }
}
