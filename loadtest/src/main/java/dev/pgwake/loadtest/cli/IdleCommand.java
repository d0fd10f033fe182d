package dev.pgwake.loadtest.cli;

import dev.pgwake.loadtest.idle.IdleScenario;
import dev.pgwake.loadtest.process.ListeningSockets;
import dev.pgwake.loadtest.scenario.JdbcUrl;
import dev.pgwake.loadtest.scenario.RunContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code idle}: many idle connections, and the memory they cost the process behind the URL. */
@Command(name = "idle", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Open --connections idle connections (default 10,000), hold them for --duration (default 5s), "
                + "check they still answer, close them.",
                "Watches the process behind the URL (--pid, else the process listening on the URL's port when the "
                        + "host is this machine): its RSS before and after, per connection, and the PSS of it with its "
                        + "children (a PostgreSQL server's backends). Raises no limit itself: prints what ulimit -n each "
                        + "side needs."},
        footer = {"", "File descriptors: a connection costs one in this JVM and one in the process behind the URL (a "
                + "proxy in session mode two: client and server). The JVM raises its own soft limit to the hard limit "
                + "at start (HotSpot's MaxFDLimit), so 10,000 connections fit under a hard limit of 20,000; PgBouncer "
                + "and PostgreSQL need 'ulimit -n' raised in the shell that starts them, and PostgreSQL max_connections "
                + "above the count.",
                "Exit codes: 0 no errors; 1 completed with errors; 2 bad command line; 3 nothing measured."})
final class IdleCommand implements Callable<Integer> {
    private static final Set<String> THIS_MACHINE = Set.of("127.0.0.1", "localhost", "::1", "0:0:0:0:0:0:0:1");

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--connections", paramLabel = "K", order = 3,
            description = "connections to open and hold (default 10,000); --clients says the same")
    Integer connections;

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
        if (connections != null && run.clients != null && !connections.equals(run.clients)) {
            throw new ParameterException(spec.commandLine(), "give --connections or --clients, not both");
        }
        if (connections != null) {
            run.clients = connections;
        }
        String how = run.pid != null ? "--pid" : findByPort();
        RunContext context = run.context(spec, 10_000, Duration.ofSeconds(5), Duration.ZERO);
        return ScenarioRunner.run(new IdleScenario(openers, !noCheck, how), context, run.report, System.out, System.err);
    }

    /** Sets --pid to the process listening on the URL's port on this machine, if there is one; says how. */
    private String findByPort() {
        JdbcUrl url;
        try {
            url = JdbcUrl.parse(run.connection.url, "");
        } catch (IllegalArgumentException e) {
            return "nothing";
        }
        if (!THIS_MACHINE.contains(url.firstHost())) {
            return "nothing";
        }
        int port = url.firstPort();
        Optional<Long> pid = new ListeningSockets().pidListeningOn(port);
        pid.ifPresent(p -> run.pid = p);
        return pid.isPresent() ? "listening on port " + port : "nothing";
    }
}
