package dev.pgwake.loadtest.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command and its subcommands, in the order {@code --help} lists them. */
@Command(name = "pgwake-loadtest", mixinStandardHelpOptions = true, version = "pgwake-loadtest 0.1.0",
        description = {"Load generator for anything that speaks PostgreSQL: the server itself, PgBouncer, pgwake. "
                + "Virtual clients over pgjdbc, latencies in HdrHistogram, a progress line per second on stderr, "
                + "results as JSON and as one self-contained HTML report."},
        footer = {"", "Run 'pgwake-loadtest COMMAND --help' for a command's options.",
                "Exit codes: 0 no errors; 1 completed with errors (reports written); 2 bad command line; "
                        + "3 nothing measured (unreachable target, missing tables, no pgwake console or metrics)."})
public final class Commands implements Callable<Integer> {
    static final int HELP_WIDTH = 100;

    @Spec
    CommandSpec spec;

    /** With no subcommand: the usage, and the usage-error exit code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return ExitCodes.USAGE;
    }

    public static CommandLine commandLine() {
        CommandLine root = new CommandLine(new Commands());
        root.addSubcommand("oltp", new OltpCommand());
        root.addSubcommand("idle", new IdleCommand());
        root.addSubcommand("wake", new WakeCommand());
        root.addSubcommand("storm", new StormCommand());
        root.addSubcommand("fleet", new FleetCommand());
        root.addSubcommand("bench-table", new BenchTableCommand());
        root.setUsageHelpWidth(HELP_WIDTH);
        return root;
    }
}
