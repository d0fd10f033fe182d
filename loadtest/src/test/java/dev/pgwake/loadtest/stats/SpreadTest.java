package dev.pgwake.loadtest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        Spread s = Spread.of(30, 10, 20);
        assertEquals(20, s.median());
        assertEquals(10, s.min());
        assertEquals(30, s.max());
        assertEquals(3, s.n());
        assertEquals(0.5, s.relativeHalfRange(), 1e-12);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(25, Spread.of(40, 10, 20, 30).median());
    }

    @Test
    void oneDisturbedRoundDoesNotMoveTheMedian() {
        assertEquals(100, Spread.of(100, 101, 3, 99, 100).median());
    }

    @Test
    void aSingleValueHasNoRange() {
        Spread s = Spread.of(7);
        assertEquals(7, s.median());
        assertEquals(0, s.relativeHalfRange());
        assertEquals(0, Spread.of(0, 0).relativeHalfRange());
    }

    @Test
    void refusesNothingAndNaN() {
        assertThrows(IllegalArgumentException.class, Spread::of);
        assertThrows(IllegalArgumentException.class, () -> Spread.of(1, Double.NaN));
    }
}
