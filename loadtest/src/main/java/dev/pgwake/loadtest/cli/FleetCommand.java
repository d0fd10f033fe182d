package dev.pgwake.loadtest.cli;

import dev.pgwake.loadtest.fleet.FleetScenario;
import dev.pgwake.loadtest.fleet.FleetSettings;
import dev.pgwake.loadtest.scenario.RunContext;
import dev.pgwake.loadtest.scenario.RunPlan;
import dev.pgwake.loadtest.scenario.Target;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fleet}: many branches with bursty, mostly idle traffic. */
@Command(name = "fleet", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"B branches (PREFIX-1 ... PREFIX-B, created from --parent through the admin console when "
                + "missing), each with one agent: a burst of --burst queries, then silence for a random time "
                + "(exponential, mean --silence-mean), for --duration. Reports the first query after each silence by "
                + "what it found (running, idle, or woken hot, warm or cold; from pgwake's wake counters in /metrics) "
                + "and the compute seconds the fleet used against always on (a saved %% figure).",
                "Run pgwake with short lifecycle timers so that branches sleep between bursts: the pgwake YAML for "
                        + "the default 15 s mean silence is below the options."},
        footer = {"", "pgwake YAML for this scenario:", "  lifecycle:", "    idle_after: 1s", "    suspend_after: 3s       # silences longer than this wake hot",
                "    stop_after: 20s         # ... warm", "    archive_after: 60s      # ... cold (off by default)", "",
                "Each branch runs its own PostgreSQL under the local driver: 100 branches need about 100 x 40 MB of disk "
                        + "and, while awake, their memory. Created branches are kept (--drop-created removes them).",
                "Exit codes: 0 no errors; 1 completed with errors; 2 bad command line; 3 nothing measured (no console, "
                        + "no /metrics)."})
final class FleetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions connection;

    @Mixin
    AdminOptions adminOptions;

    @Mixin
    HttpOptions httpOptions;

    @Option(names = "--branches", paramLabel = "B", order = 5, defaultValue = "100",
            description = "branches, one agent each; default ${DEFAULT-VALUE}")
    int branches;

    @Option(names = "--prefix", paramLabel = "NAME", order = 6, defaultValue = "fleet",
            description = "branch names are PREFIX-1 ... PREFIX-B; default ${DEFAULT-VALUE}")
    String prefix;

    @Option(names = "--parent", paramLabel = "NAME", order = 7, defaultValue = "main",
            description = "missing branches are created from this one; default ${DEFAULT-VALUE}")
    String parent;

    @Option(names = "--burst", paramLabel = "N", order = 8, defaultValue = "5",
            description = "queries per burst; default ${DEFAULT-VALUE}")
    int burst;

    @Option(names = "--silence-mean", paramLabel = "TIME", order = 9, defaultValue = "15s", converter = DurationConverter.class,
            description = "mean silence between bursts (exponential); default ${DEFAULT-VALUE}")
    Duration silenceMean;

    @Option(names = "--duration", paramLabel = "TIME", order = 10, defaultValue = "5m", converter = DurationConverter.class,
            description = "how long the traffic runs; default ${DEFAULT-VALUE}")
    Duration duration;

    @Option(names = "--connection", paramLabel = "MODE", order = 11, defaultValue = "hold",
            description = "hold (one connection per agent, kept through silences) or per-burst (connect for each "
                    + "burst; the first query's time includes the connect); default ${DEFAULT-VALUE}")
    String connectionMode;

    @Option(names = "--poll", paramLabel = "TIME", order = 12, defaultValue = "250ms", converter = DurationConverter.class,
            description = "how often /metrics is scraped; default ${DEFAULT-VALUE}")
    Duration poll;

    @Option(names = "--interval", paramLabel = "TIME", order = 13, defaultValue = "1s", converter = DurationConverter.class,
            description = "sampling interval of the series and timelines; default ${DEFAULT-VALUE}")
    Duration interval;

    @Option(names = "--seed", paramLabel = "N", order = 14, description = "random seed of the silences (default: new each run)")
    Long seed;

    @Option(names = "--drop-created", order = 15, description = "drop the branches this run created, at the end")
    boolean dropCreated;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() {
        Target target;
        FleetSettings settings;
        RunPlan plan;
        try {
            target = connection.target();
            settings = new FleetSettings(prefix, branches, parent, burst, silenceMean, duration,
                    FleetSettings.Connection.parse(connectionMode), adminOptions.admin(target), httpOptions.metrics(target),
                    dropCreated, poll, seed == null ? System.nanoTime() : seed);
            plan = new RunPlan(branches, duration, null, Duration.ZERO, interval);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        RunContext context = new RunContext(target, plan, report.label, null, report.progress());
        return ScenarioRunner.run(new FleetScenario(settings), context, report, System.out, System.err);
    }
}
