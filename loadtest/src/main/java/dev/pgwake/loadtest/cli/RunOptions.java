package dev.pgwake.loadtest.cli;

import dev.pgwake.loadtest.process.ProcessProbe;
import dev.pgwake.loadtest.scenario.RunContext;
import dev.pgwake.loadtest.scenario.RunPlan;
import dev.pgwake.loadtest.scenario.Target;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options every scenario takes; each command supplies its own defaults for clients, duration and warmup. */
public final class RunOptions {
    @Mixin
    TargetOptions connection;

    @Option(names = "--clients", paramLabel = "N", order = 4, description = "virtual clients (connections) at once")
    Integer clients;

    @Option(names = "--duration", paramLabel = "TIME", order = 5, converter = DurationConverter.class,
            description = "how long to run after the warmup: 30s, 500ms, 2m, 1h")
    Duration duration;

    @Option(names = "--transactions", paramLabel = "N", order = 6,
            description = "stop after N transactions (all clients together) instead of after --duration")
    Long transactions;

    @Option(names = "--warmup", paramLabel = "TIME", order = 7, converter = DurationConverter.class,
            description = "run this long first without counting it")
    Duration warmup;

    @Option(names = "--pid", paramLabel = "PID", order = 11,
            description = "watch this process (the proxy or server behind the URL): its CPU per transaction and RSS")
    Long pid;

    @Mixin
    ReportOptions report;

    /** The run's context; {@code defaultDuration} applies when neither --duration nor --transactions was given. */
    RunContext context(CommandSpec spec, int defaultClients, Duration defaultDuration, Duration defaultWarmup) {
        if (duration != null && transactions != null) {
            throw new ParameterException(spec.commandLine(), "give --duration or --transactions, not both");
        }
        Target target;
        RunPlan plan;
        ProcessProbe watched = null;
        try {
            target = connection.target();
            int n = clients == null ? defaultClients : clients;
            Duration w = warmup == null ? defaultWarmup : warmup;
            plan = transactions != null ? RunPlan.forTransactions(n, transactions, w)
                    : RunPlan.forDuration(n, duration == null ? defaultDuration : duration, w);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (pid != null) {
            watched = new ProcessProbe(pid);
            if (!watched.exists()) {
                throw new ParameterException(spec.commandLine(), "--pid " + pid + ": no such process");
            }
        }
        return new RunContext(target, plan, report.label, watched, report.progress());
    }
}
