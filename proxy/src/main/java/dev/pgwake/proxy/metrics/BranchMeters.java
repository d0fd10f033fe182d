package dev.pgwake.proxy.metrics;

import dev.pgwake.lifecycle.BranchInfo;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.Branches;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * The series of each branch: its state (one series per state, 1 for the state it is in), compute and wall seconds,
 * and connected clients. Branches come and go (created, dropped, auto-created by a client), so {@link #refresh}
 * brings the series in line with the branches that exist and takes one snapshot of them, which the series read:
 * call it before each scrape. A branch that is gone takes every {@code pgwake} series labelled with it along.
 * Thread-safe.
 */
final class BranchMeters {
    static final String STATE = "pgwake.branch.state";
    static final String COMPUTE = "pgwake.branch.compute";
    static final String WALL = "pgwake.branch.wall";
    static final String CLIENTS = "pgwake.branch.clients";

    private record Sample(BranchInfo info, int clients) {
    }

    private final MeterRegistry registry;
    private final Branches branches;
    private final ToIntFunction<String> clients;
    private volatile Map<String, Sample> samples = Map.of();
    /** The branches whose series are registered; guarded by this. */
    private final Set<String> registered = new HashSet<>();

    BranchMeters(MeterRegistry registry, Branches branches, ToIntFunction<String> clients) {
        this.registry = registry;
        this.branches = branches;
        this.clients = clients;
    }

    synchronized void refresh() {
        Map<String, Sample> now = new HashMap<>();
        for (BranchInfo info : branches.list()) {
            now.put(info.name(), new Sample(info, clients.applyAsInt(info.name())));
        }
        samples = now;
        removeGone(now.keySet());
        for (String branch : now.keySet()) {
            if (registered.add(branch)) {
                register(branch);
            }
        }
    }

    private void register(String branch) {
        for (BranchState state : BranchState.values()) {
            Gauge.builder(STATE, () -> stateValue(branch, state))
                    .description("1 for the state the branch is in, 0 for the others")
                    .tags("branch", branch, "state", state.label())
                    .strongReference(true)
                    .register(registry);
        }
        counter(COMPUTE, branch, "time the branch's compute was up since pgwake started counting",
                sample -> sample.info().computeSeconds());
        counter(WALL, branch, "time since pgwake started counting for the branch (compute's denominator)",
                sample -> sample.info().wallSeconds());
        Gauge.builder(CLIENTS, () -> read(branch, Sample::clients))
                .description("clients connected to the branch")
                .tag("branch", branch)
                .strongReference(true)
                .register(registry);
    }

    private void counter(String name, String branch, String description, ToDoubleFunction<Sample> value) {
        FunctionCounter.builder(name, this, meters -> meters.read(branch, value))
                .description(description)
                .baseUnit("seconds")
                .tag("branch", branch)
                .register(registry);
    }

    private double stateValue(String branch, BranchState state) {
        return read(branch, sample -> sample.info().state() == state ? 1 : 0);
    }

    private double read(String branch, ToDoubleFunction<Sample> value) {
        Sample sample = samples.get(branch);
        return sample == null ? Double.NaN : value.applyAsDouble(sample);
    }

    /**
     * Removes every pgwake series labelled with a branch that is gone: its own and its wake counters, which may
     * have been made before the branch was ever seen here. A branch that appeared since {@code live} was read is
     * kept: the coordinator is asked again.
     */
    private void removeGone(Set<String> live) {
        Map<String, Boolean> gone = new HashMap<>();
        for (Meter meter : List.copyOf(registry.getMeters())) {
            String branch = meter.getId().getTag("branch");
            if (branch != null && meter.getId().getName().startsWith("pgwake.") && !live.contains(branch)
                    && gone.computeIfAbsent(branch, name -> branches.info(name).isEmpty())) {
                registry.remove(meter);
                registered.remove(branch);
            }
        }
    }
}
