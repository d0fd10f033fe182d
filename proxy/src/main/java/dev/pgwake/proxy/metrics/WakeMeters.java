package dev.pgwake.proxy.metrics;

import dev.pgwake.lifecycle.BranchListener;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.LifecycleException;
import dev.pgwake.lifecycle.ResumeKind;
import dev.pgwake.lifecycle.Wake;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts wakes from what the branch coordinator tells its listeners. Each resume operation that ends counts once
 * in {@value #WAKES} ({@code outcome} ok or failed); waiters giving up at {@code wake_timeout} count in {@value
 * #TIMEOUTS} (the wake goes on and counts in {@value #WAKES} when it ends). {@value #DURATION} holds how long the
 * waiting clients of a successful wake waited; a wake nobody waited for any more has no sample.
 *
 * <p>The coordinator reports a timeout and a failed wake alike ({@code woke} without a wake); they differ in the
 * state heard just before: a wake that ends moves the branch to RUNNING or FAILED first, a timeout leaves it
 * RESUMING (events come in order, on one thread at a time). The kind of a failed wake is the kind implied by the
 * state the branch resumed from; {@code unknown} when it recovered from a failure or was new to pgwake.
 * Unknown branches (3D000) and bad names (class 42) are not wakes of a branch and are not counted, so a client
 * cannot add series by naming branches that do not exist.
 */
final class WakeMeters implements BranchListener {
    static final String WAKES = "pgwake.wakes";
    static final String TIMEOUTS = "pgwake.wake.timeouts";
    static final String DURATION = "pgwake.wake.duration";
    static final String UNKNOWN = "unknown";
    /** Histogram buckets from 1 ms (a hot resume) to 30 s (the default wake_timeout). */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    /** The last state heard per branch, while a wake may be in flight or the branch sleeps. */
    private final Map<String, BranchState> states = new ConcurrentHashMap<>();
    /** The kind of the wake in flight per branch, from the state it resumed from. */
    private final Map<String, String> kinds = new ConcurrentHashMap<>();

    WakeMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void stateChanged(String branch, BranchState from, BranchState to) {
        states.put(branch, to);
        if (to == BranchState.RESUMING) {
            kinds.put(branch, from.depth() >= 0 ? ResumeKind.from(from).label() : UNKNOWN);
        }
    }

    @Override
    public void woke(String branch, Wake wake, LifecycleException failure) {
        if (wake != null) {
            String kind = wake.kind().label();
            registry.counter(WAKES, "branch", branch, "kind", kind, "outcome", "ok").increment();
            if (!wake.took().isZero()) {
                timer(kind).record(wake.took());
            }
            forget(branch);
            return;
        }
        String kind = kinds.getOrDefault(branch, UNKNOWN);
        if (states.get(branch) != BranchState.FAILED) {
            registry.counter(TIMEOUTS, "branch", branch, "kind", kind).increment();
            return;
        }
        forget(branch);
        if (isBranch(failure)) {
            registry.counter(WAKES, "branch", branch, "kind", kind, "outcome", "failed").increment();
        }
    }

    @Override
    public void dropped(String branch) {
        forget(branch);
    }

    private void forget(String branch) {
        states.remove(branch);
        kinds.remove(branch);
    }

    private static boolean isBranch(LifecycleException failure) {
        String sqlState = failure == null ? "" : failure.sqlState();
        return !sqlState.equals(LifecycleException.UNKNOWN_BRANCH) && !sqlState.startsWith("42");
    }

    private Timer timer(String kind) {
        return Timer.builder(DURATION)
                .description("how long clients waited for a successful wake, by resume kind")
                .tag("kind", kind)
                .serviceLevelObjectives(BUCKETS)
                .minimumExpectedValue(BUCKETS[0])
                .maximumExpectedValue(BUCKETS[BUCKETS.length - 1])
                .register(registry);
    }
}
