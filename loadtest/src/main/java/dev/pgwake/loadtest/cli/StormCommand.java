package dev.pgwake.loadtest.cli;

import dev.pgwake.loadtest.branch.ResumeKind;
import dev.pgwake.loadtest.scenario.RunContext;
import dev.pgwake.loadtest.scenario.RunPlan;
import dev.pgwake.loadtest.scenario.Target;
import dev.pgwake.loadtest.storm.StormScenario;
import dev.pgwake.loadtest.storm.StormSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code storm}: many clients at once against one sleeping branch. */
@Command(name = "storm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Put a branch to sleep through pgwake's admin console (--resume-kind hot: SUSPEND BRANCH, warm: "
                + "STOP BRANCH, cold: ARCHIVE BRANCH), then release --clients clients at once (a start barrier); each "
                + "connects and runs select 1. Reports the resumes the storm caused (pgwake_wakes_total from /metrics; "
                + "one is right), errors by SQLSTATE, and the connect-to-first-row distribution (p50/p95/p99/max).",
                "Clients run on a fixed pool of --threads threads (Java 17 has no virtual threads): that many are in "
                        + "flight at once, the rest start as threads come free. --threads equal to --clients puts every "
                        + "client in flight at once (one platform thread each)."},
        footer = {"", "The branch is reached with options=--branch=NAME unless the URL sets options. The loadtest JVM "
                + "needs a file descriptor per client (it raises its own soft limit to the hard one).",
                "Exit codes: 0 no errors; 1 completed with errors (failed clients, wrong resume kind); 2 bad command "
                        + "line; 3 nothing measured."})
final class StormCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions connection;

    @Mixin
    AdminOptions adminOptions;

    @Mixin
    HttpOptions httpOptions;

    @Option(names = "--branch", paramLabel = "NAME", order = 5, defaultValue = "main",
            description = "the branch to put to sleep and storm; default ${DEFAULT-VALUE}")
    String branch;

    @Option(names = "--clients", paramLabel = "C", order = 6, defaultValue = "1000",
            description = "clients released at once; default ${DEFAULT-VALUE}")
    int clients;

    @Option(names = "--threads", paramLabel = "N", order = 7, defaultValue = "200",
            description = "threads running the clients, i.e. clients in flight at once; default ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--resume-kind", paramLabel = "KIND", order = 8, defaultValue = "hot",
            description = "hot (SUSPEND BRANCH first), warm (STOP BRANCH) or cold (ARCHIVE BRANCH); default ${DEFAULT-VALUE}")
    String resumeKind;

    @Option(names = "--timeout", paramLabel = "TIME", order = 9, defaultValue = "120s", converter = DurationConverter.class,
            description = "give up on clients that have not answered after this; default ${DEFAULT-VALUE}")
    Duration timeout;

    @Option(names = "--interval", paramLabel = "TIME", order = 10, defaultValue = "100ms", converter = DurationConverter.class,
            description = "sampling interval of the latency and progress series; default ${DEFAULT-VALUE}")
    Duration interval;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() {
        Target target;
        StormSettings settings;
        try {
            target = connection.target();
            List<ResumeKind> kind = ResumeKind.parseList(resumeKind);
            if (kind.size() != 1) {
                throw new IllegalArgumentException("--resume-kind takes one kind: hot, warm or cold");
            }
            settings = new StormSettings(branch, clients, threads, kind.get(0), adminOptions.admin(target),
                    httpOptions.metrics(target), timeout, interval);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        RunPlan plan = new RunPlan(clients, null, (long) clients, Duration.ZERO, interval);
        RunContext context = new RunContext(target, plan, report.label, null, report.progress());
        return ScenarioRunner.run(new StormScenario(settings), context, report, System.out, System.err);
    }
}
