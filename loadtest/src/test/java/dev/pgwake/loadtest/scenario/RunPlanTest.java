package dev.pgwake.loadtest.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunPlanTest {

    @Test
    void eitherADurationOrATransactionCount() {
        RunPlan d = RunPlan.forDuration(4, Duration.ofSeconds(30), Duration.ofSeconds(5));
        assertEquals("30s after 5s warmup", d.describe());
        assertTrue(d.transactionBudget().isEmpty());
        RunPlan t = RunPlan.forTransactions(4, 10_000, null);
        assertEquals("10,000 transactions", t.describe());
        assertEquals(Duration.ofSeconds(1), t.interval());
        assertThrows(IllegalArgumentException.class, () -> new RunPlan(1, Duration.ofSeconds(1), 5L, null, null));
        assertThrows(IllegalArgumentException.class, () -> new RunPlan(1, null, null, null, null));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> RunPlan.forDuration(0, Duration.ofSeconds(1), null));
        assertThrows(IllegalArgumentException.class, () -> RunPlan.forDuration(1, Duration.ZERO, null));
        assertThrows(IllegalArgumentException.class, () -> RunPlan.forDuration(1, Duration.ofSeconds(1), Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> RunPlan.forTransactions(1, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new RunPlan(1, Duration.ofSeconds(1), null, null, Duration.ofMillis(1)));
    }

}
