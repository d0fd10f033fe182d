package dev.pgwake.loadtest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ComputeSavingTest {

    @Test
    void theSavingIsTheShareOfWallTimeTheComputesWereDown() {
        ComputeSaving before = new ComputeSaving(4, 100, 200);
        ComputeSaving after = new ComputeSaving(4, 130, 440); // 60 s wall each, 30 s compute in all
        ComputeSaving run = ComputeSaving.between(before, after);
        assertEquals(30, run.computeSeconds(), 1e-9);
        assertEquals(240, run.wallSeconds(), 1e-9);
        assertEquals(87.5, run.savedPercent(), 1e-9);
        assertEquals(0.5, run.averageUp(), 1e-9, "half a compute up on average");
    }

    @Test
    void edges() {
        assertEquals(0, new ComputeSaving(3, 0, 0).savedPercent(), "no time counted");
        assertEquals(0, new ComputeSaving(1, 12, 10).savedPercent(), "rounding never makes it negative");
        assertEquals(100, new ComputeSaving(1, 0, 10).savedPercent());
        ComputeSaving restarted = ComputeSaving.between(new ComputeSaving(1, 50, 100), new ComputeSaving(1, 1, 2));
        assertEquals(0, restarted.wallSeconds(), "counters that went backwards (pgwake restarted) count as nothing");
        assertThrows(IllegalArgumentException.class, () -> new ComputeSaving(1, -1, 0));
    }
}
