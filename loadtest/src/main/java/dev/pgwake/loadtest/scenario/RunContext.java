package dev.pgwake.loadtest.scenario;

import dev.pgwake.loadtest.process.ProcessProbe;
import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scenario runs against and how: the target, the plan, a label for the report, the process to watch
 * (the proxy or server behind the URL, by pid; may be absent) and where progress lines go (absent: quiet).
 */
public record RunContext(Target target, RunPlan plan, String label, ProcessProbe watched, PrintStream progress) {

    public RunContext {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(plan, "plan");
        label = label == null ? "" : label;
    }

    public Optional<ProcessProbe> watchedProcess() {
        return Optional.ofNullable(watched);
    }

    public Optional<PrintStream> progressStream() {
        return Optional.ofNullable(progress);
    }
}
