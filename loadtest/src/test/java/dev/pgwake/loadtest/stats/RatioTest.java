package dev.pgwake.loadtest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RatioTest {

    @Test
    void divides() {
        assertEquals(1.25, Ratio.of(50_000, 40_000).getAsDouble(), 1e-12);
        assertEquals(0, Ratio.of(0, 3).getAsDouble());
    }

    @Test
    void noRatioWithoutBothSidesOrAgainstZero() {
        assertTrue(Ratio.of(1, 0).isEmpty());
        assertTrue(Ratio.of(Double.NaN, 1).isEmpty());
        assertTrue(Ratio.of(1, Double.NaN).isEmpty());
        assertTrue(Ratio.of(Double.POSITIVE_INFINITY, 1).isEmpty());
        assertTrue(Ratio.of(-1, 1).isEmpty());
    }

    @Test
    void formatsAsTimes() {
        assertEquals("1.25x", Ratio.format(OptionalDouble.of(1.25)));
        assertEquals("0.07x", Ratio.format(OptionalDouble.of(0.0666)));
        assertEquals("-", Ratio.format(OptionalDouble.empty()));
    }
}
