package dev.pgwake.loadtest.cli;

import dev.pgwake.loadtest.branch.ResumeKind;
import dev.pgwake.loadtest.scenario.RunContext;
import dev.pgwake.loadtest.scenario.RunPlan;
import dev.pgwake.loadtest.scenario.Target;
import dev.pgwake.loadtest.wake.BareSettings;
import dev.pgwake.loadtest.wake.ColdMode;
import dev.pgwake.loadtest.wake.WakeScenario;
import dev.pgwake.loadtest.wake.WakeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code wake}: connect-to-first-row per resume kind through pgwake, beside the bare server operation. */
@Command(name = "wake", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"For each resume kind (hot, warm, cold): put a branch to sleep through pgwake's admin console "
                + "(SUSPEND / STOP / ARCHIVE BRANCH), then time connect-to-first-row through pgwake "
                + "(getConnection + select 1 + its row); check with SHOW BRANCHES that the wake was of that kind.",
                "With --bare-data-dir, the same run also times the bare operation without pgwake on a throwaway "
                        + "cluster (hot: SIGCONT; warm: start; cold: cp -a + start) and reports pgwake's overhead "
                        + "and ratio over it."},
        footer = {"", "The branch is reached with options=--branch=NAME unless the URL sets options.",
                "Exit codes: 0 no errors; 1 completed with errors (failed or mismatched wakes); 2 bad command line; "
                        + "3 nothing measured."})
final class WakeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions connection;

    @Mixin
    AdminOptions adminOptions;

    @Option(names = "--branch", paramLabel = "NAME", order = 5, defaultValue = "main",
            description = "the branch to put to sleep and wake; default ${DEFAULT-VALUE}")
    String branch;

    @Option(names = "--kinds", paramLabel = "LIST", order = 6, defaultValue = "hot,warm,cold",
            description = "resume kinds to measure, in this order; default ${DEFAULT-VALUE}")
    String kinds;

    @Option(names = "--repeat", paramLabel = "N", order = 7, defaultValue = "20",
            description = "measured repetitions per kind; default ${DEFAULT-VALUE}")
    int repeat;

    @Option(names = "--warmup", paramLabel = "N", order = 8, defaultValue = "2",
            description = "repetitions per kind run first and not counted; default ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--cold-mode", paramLabel = "MODE", order = 9, defaultValue = "archive",
            description = "archive (ARCHIVE BRANCH, then connect) or new-branch (connect to an unused branch "
                    + "wake-<n>, which pgwake creates from its parent; dropped afterwards); default ${DEFAULT-VALUE}")
    String coldMode;

    @Option(names = "--bare-data-dir", paramLabel = "DIR", order = 10,
            description = "measure the bare operations too, on a throwaway cluster created (and removed) under DIR")
    Path bareDataDir;

    @Option(names = "--bare-bin", paramLabel = "DIR", order = 11, defaultValue = "/usr/lib/postgresql/15/bin",
            description = "PostgreSQL programs for the bare cluster; default ${DEFAULT-VALUE}")
    Path bareBin;

    @Option(names = "--bare-user", paramLabel = "NAME", order = 12, defaultValue = "postgres",
            description = "OS user the bare cluster runs as when loadtest runs as root; default ${DEFAULT-VALUE}")
    String bareUser;

    @Option(names = "--pause", paramLabel = "DURATION", order = 13, defaultValue = "250ms",
            converter = DurationConverter.class,
            description = "wait before each wake, so that none is measured while the one before still does its "
                    + "after-work; default ${DEFAULT-VALUE}")
    Duration pause;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() {
        Target target;
        WakeSettings settings;
        try {
            target = connection.target();
            Target admin = adminOptions.admin(target);
            BareSettings bare = bareDataDir == null ? null : new BareSettings(bareDataDir, bareBin, bareUser);
            List<ResumeKind> kindList = ResumeKind.parseList(kinds);
            settings = new WakeSettings(branch, kindList, repeat, warmup, ColdMode.parse(coldMode), admin, bare,
                    pause);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        RunPlan plan = RunPlan.forTransactions(1, (long) (repeat + warmup) * settings.kinds().size(), Duration.ZERO);
        RunContext context = new RunContext(target, plan, report.label, null, report.progress());
        return ScenarioRunner.run(new WakeScenario(settings), context, report, System.out, System.err);
    }
}
