package dev.pgwake.proxy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.lifecycle.LifecycleException;
import dev.pgwake.lifecycle.ResumeKind;
import dev.pgwake.lifecycle.Wake;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Wake counting from listener events in the order the coordinator sends them (its own tests pin that order: the
 * state change to RUNNING or FAILED comes before {@code woke}; a timeout leaves the branch RESUMING).
 */
class WakeMetersTest {
    private static final Endpoint ENDPOINT = new Endpoint("127.0.0.1", 5432);
    private static final LifecycleException CANNOT_WAKE = new LifecycleException(LifecycleException.CANNOT_CONNECT_NOW,
            "branch \"b\" could not be woken");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WakeMeters meters = new WakeMeters(registry);

    private double wakes(String branch, String kind, String outcome) {
        Counter counter = registry.find(WakeMeters.WAKES).tags("branch", branch, "kind", kind, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double timeouts(String branch, String kind) {
        Counter counter = registry.find(WakeMeters.TIMEOUTS).tags("branch", branch, "kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private Timer duration(String kind) {
        return registry.find(WakeMeters.DURATION).tag("kind", kind).timer();
    }

    @Test
    void aSuccessfulWakeCountsOnceWithHowLongItsClientsWaited() {
        meters.stateChanged("b", BranchState.SUSPENDED, BranchState.RESUMING);
        meters.stateChanged("b", BranchState.RESUMING, BranchState.RUNNING);
        meters.woke("b", new Wake(ENDPOINT, ResumeKind.HOT, Duration.ofMillis(12)), null);

        assertEquals(1, wakes("b", "hot", "ok"));
        assertEquals(1, duration("hot").count());
        assertEquals(12, duration("hot").totalTime(TimeUnit.MILLISECONDS), 0.001);
    }

    @Test
    void aFailedWakeCountsWithTheKindItsStateImplies() {
        meters.stateChanged("b", BranchState.STOPPED, BranchState.RESUMING);
        meters.stateChanged("b", BranchState.RESUMING, BranchState.FAILED);
        meters.woke("b", null, CANNOT_WAKE);

        assertEquals(1, wakes("b", "warm", "failed"));
        assertEquals(0, timeouts("b", "warm"));
        assertNull(duration("warm"), "no duration for a failed wake");
    }

    @Test
    void aTimeoutCountsApartAndTheWakeStillCountsWhenItEnds() {
        meters.stateChanged("b", BranchState.ARCHIVED, BranchState.RESUMING);
        meters.woke("b", null, CANNOT_WAKE); // waiters gave up at wake_timeout: still RESUMING
        assertEquals(1, timeouts("b", "cold"));
        assertEquals(0, wakes("b", "cold", "failed"));

        meters.stateChanged("b", BranchState.RESUMING, BranchState.RUNNING);
        meters.woke("b", new Wake(ENDPOINT, ResumeKind.COLD, Duration.ZERO), null); // nobody waited any more
        assertEquals(1, wakes("b", "cold", "ok"));
        assertNull(duration("cold"), "a wake nobody waited for has no duration sample");
    }

    @Test
    void aRecoveryFromFailureHasAnUnknownKindUntilItSucceeds() {
        meters.stateChanged("b", BranchState.FAILED, BranchState.RESUMING);
        meters.stateChanged("b", BranchState.RESUMING, BranchState.FAILED);
        meters.woke("b", null, CANNOT_WAKE);
        assertEquals(1, wakes("b", WakeMeters.UNKNOWN, "failed"));

        meters.stateChanged("b", BranchState.FAILED, BranchState.RESUMING);
        meters.stateChanged("b", BranchState.RESUMING, BranchState.RUNNING);
        meters.woke("b", new Wake(ENDPOINT, ResumeKind.WARM, Duration.ofMillis(40)), null);
        assertEquals(1, wakes("b", "warm", "ok"));
    }

    @Test
    void branchesThatDoNotExistAreNotCounted() {
        // a client named a branch nobody has: provisional, born RESUMING, then FAILED with 3D000
        meters.stateChanged("typo", BranchState.RESUMING, BranchState.FAILED);
        meters.woke("typo", null, new LifecycleException(LifecycleException.UNKNOWN_BRANCH, "branch \"typo\" does not exist"));

        assertEquals(0, registry.find(WakeMeters.WAKES).counters().size());
        assertEquals(0, registry.find(WakeMeters.TIMEOUTS).counters().size());
    }
}
