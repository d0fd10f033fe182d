package dev.pgwake.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void millisecondsToAboutThreeSignificantDigits() {
        assertEquals("0.052", Formats.ms(0.0521));
        assertEquals("2.10", Formats.ms(2.1));
        assertEquals("12.3", Formats.ms(12.34));
        assertEquals("1,235", Formats.ms(1234.5));
        assertEquals("-", Formats.ms(null));
    }

    @Test
    void countsRatesAndBytes() {
        assertEquals("1,234,567", Formats.count(1_234_567));
        assertEquals("45,770", Formats.rate(45_770.4));
        assertEquals("3.5", Formats.rate(3.5));
        assertEquals("0", Formats.rate(0));
        assertEquals("980 B", Formats.bytes(980));
        assertEquals("1.50 KiB", Formats.bytes(1536));
        assertEquals("12.3 MiB", Formats.bytes(12.3 * 1024 * 1024));
        assertEquals("-2.00 KiB", Formats.bytes(-2048));
    }

    @Test
    void figuresInTheirUnits() {
        assertEquals("12,345 tx/s", Formats.figure(new Figure("t", "T", 12_345, "tx/s")));
        assertEquals("0.500 ms", Formats.figure(new Figure("p", "P", 0.5, "ms")));
        assertEquals("1.00 KiB", Formats.figure(new Figure("b", "B", 1024, "B")));
        assertEquals("7", Formats.figure(new Figure("e", "E", 7, "")));
        assertEquals("7.25 us", Formats.figure(new Figure("c", "C", 7.25, "us")));
    }
}
