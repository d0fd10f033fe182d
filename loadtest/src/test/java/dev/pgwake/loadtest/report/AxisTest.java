package dev.pgwake.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTest {

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, Axis.niceStep(0.7));
        assertEquals(2, Axis.niceStep(1.3));
        assertEquals(5, Axis.niceStep(4.2));
        assertEquals(10, Axis.niceStep(7));
        assertEquals(0.02, Axis.niceStep(0.018), 1e-15);
        assertEquals(2000, Axis.niceStep(1234));
    }

    @Test
    void linearAxesWidenToRoundEnds() {
        Axis a = Axis.linearFromZero(17_575);
        assertEquals(0, a.min());
        assertEquals(20_000, a.max());
        assertEquals(List.of(0.0, 5000.0, 10000.0, 15000.0, 20000.0), a.ticks());
        assertEquals(0.5, a.fraction(10_000), 1e-12);
        assertEquals(1, a.fraction(1e9), "clamped");
    }

    @Test
    void aFlatSeriesStillGetsARange() {
        Axis zero = Axis.linearFromZero(0);
        assertTrue(zero.max() > zero.min());
        Axis flat = Axis.linear(5, 5);
        assertTrue(flat.min() < 5 && flat.max() > 5);
    }

    @Test
    void logAxesSpanWholeDecadesWithOneTwoFiveLabels() {
        Axis a = Axis.log(0.28, 797);
        assertTrue(a.isLog());
        assertEquals(0.1, a.min(), 1e-12);
        assertEquals(1000, a.max(), 1e-9);
        assertEquals(0.1, a.ticks().get(0), 1e-12);
        assertEquals(0.2, a.ticks().get(1), 1e-12);
        assertEquals(13, a.ticks().size(), "1, 2, 5 in four decades, then 1000");
        assertEquals(0.5, a.fraction(Math.sqrt(0.1 * 1000)), 1e-9);
        assertEquals(7, Axis.log(1e-3, 1e3).ticks().size(), "only powers of ten over six decades");
        assertEquals(2, Axis.log(5, 5).ticks().size() - 2, "a single value still spans a decade");
        assertThrows(IllegalArgumentException.class, () -> Axis.log(0, 1));
    }
}
