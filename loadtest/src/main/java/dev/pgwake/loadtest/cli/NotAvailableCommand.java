package dev.pgwake.loadtest.cli;

import dev.pgwake.loadtest.scenario.PlannedScenario;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** A scenario that is designed but cannot run yet: takes any arguments, says why, exits with 3. */
@Command(mixinStandardHelpOptions = true)
final class NotAvailableCommand implements Callable<Integer> {
    private final PlannedScenario scenario;

    @Unmatched
    List<String> ignored;

    NotAvailableCommand(PlannedScenario scenario) {
        this.scenario = scenario;
    }

    @Override
    public Integer call() {
        System.err.println(scenario.notAvailable());
        return ExitCodes.CANNOT_RUN;
    }
}
