package dev.pgwake.loadtest.cli;

import dev.pgwake.loadtest.idle.IdleScenario;
import dev.pgwake.loadtest.scenario.RunContext;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code idle}: many idle connections, and the memory they cost the process behind the URL. */
@Command(name = "idle", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Open --clients idle connections (default 10,000), hold them for --duration (default 5s), "
                + "check they still answer, close them.",
                "With --pid, reports that process's RSS before and after, per connection. Raises no limit itself: "
                        + "prints what ulimit -n each side needs."},
        footer = {"", "Exit codes: 0 no errors; 1 completed with errors; 2 bad command line; 3 nothing measured."})
final class IdleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--openers", paramLabel = "N", defaultValue = "16",
            description = "threads opening connections at once; default ${DEFAULT-VALUE}")
    int openers;

    @Option(names = "--no-check", description = "do not ask each connection for an answer after the hold")
    boolean noCheck;

    @Override
    public Integer call() {
        if (run.transactions != null) {
            throw new ParameterException(spec.commandLine(), "idle runs no transactions: use --duration for the hold");
        }
        if (run.warmup != null) {
            throw new ParameterException(spec.commandLine(), "idle has no warmup");
        }
        if (openers < 1) {
            throw new ParameterException(spec.commandLine(), "--openers must be at least 1");
        }
        RunContext context = run.context(spec, 10_000, Duration.ofSeconds(5), Duration.ZERO);
        return ScenarioRunner.run(new IdleScenario(openers, !noCheck), context, run, System.out, System.err);
    }
}
