package dev.pgwake.loadtest.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgwake.loadtest.branch.WakeCounts;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirstQueryKindTest {
    private static WakeCounts ok(String kind) {
        return new WakeCounts(Map.of(kind, 1L), 0, 0);
    }

    @Test
    void oneWakeNamesTheKind() {
        assertEquals(FirstQueryKind.HOT, FirstQueryKind.classify(ok("hot"), "suspended"));
        assertEquals(FirstQueryKind.WARM, FirstQueryKind.classify(ok("warm"), "stopped"));
        assertEquals(FirstQueryKind.COLD, FirstQueryKind.classify(ok("cold"), "archived"));
        assertEquals(FirstQueryKind.HOT, FirstQueryKind.classify(ok("hot"), "idle"), "the counter wins over a stale state");
    }

    @Test
    void noWakeSaysWhetherTheBranchWasRunningOrIdle() {
        assertEquals(FirstQueryKind.RUNNING, FirstQueryKind.classify(WakeCounts.NONE, "running"));
        assertEquals(FirstQueryKind.IDLE, FirstQueryKind.classify(WakeCounts.NONE, "idle"));
        assertEquals(FirstQueryKind.UNCLEAR, FirstQueryKind.classify(WakeCounts.NONE, "suspended"), "asleep, yet no wake");
    }

    @Test
    void whatTheCountersCannotTellIsUnclear() {
        assertEquals(FirstQueryKind.UNCLEAR, FirstQueryKind.classify(null, "running"), "no metrics");
        assertEquals(FirstQueryKind.UNCLEAR, FirstQueryKind.classify(new WakeCounts(Map.of(), 1, 0), "stopped"));
        assertEquals(FirstQueryKind.UNCLEAR, FirstQueryKind.classify(new WakeCounts(Map.of(), 0, 1), "stopped"));
        assertEquals(FirstQueryKind.UNCLEAR, FirstQueryKind.classify(new WakeCounts(Map.of("hot", 2L), 0, 0), "suspended"));
        assertEquals(FirstQueryKind.UNCLEAR, FirstQueryKind.classify(ok("unknown"), "failed"));
    }
}
