package dev.pgwake.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTextTest {

    @Test
    void aLinePerSideAndOneForTheOverhead() {
        Comparison c = SampleReports.wake("text", "cold").comparisons().get(0);
        String text = ComparisonText.render(c);
        List<String> lines = text.lines().toList();
        assertEquals("Connect-to-first-row by resume kind (milliseconds; overhead = pgwake - bare, (ratio) = pgwake / bare)",
                lines.get(0));
        assertEquals(List.of("kind", "via", "n", "p50", "ms", "p95", "ms", "p99", "ms", "max", "ms", "errors"),
                List.of(lines.get(1).split("\\s+")));
        assertEquals(List.of("hot", "pgwake", "4", "15.0", "40.0", "40.0", "40.0", "0"), List.of(lines.get(3).split("\\s+")));
        assertEquals(List.of("hot", "bare", "4", "11.0", "20.0", "20.0", "20.0", "0"), List.of(lines.get(4).split("\\s+")));
        assertEquals(List.of("hot", "overhead", "+4.00", "(1.36x)", "+20.0", "(2.00x)"), List.of(lines.get(5).split("\\s+")));
        assertEquals(List.of("warm", "pgwake", "3", "52.0", "60.0", "60.0", "60.0", "1"), List.of(lines.get(6).split("\\s+")),
                "the failed repetition is an error, not a value");
        assertEquals(List.of("cold", "pgwake", "2", "130", "140", "140", "140", "0"), List.of(lines.get(9).split("\\s+")));
        assertEquals(10, lines.size(), "no bare or overhead line without a baseline: " + text);
    }

    @Test
    void withoutAnyBaselineTheTitleSaysNothingAboutOverhead() {
        Comparison c = new Comparison("t", "", "kind", "pgwake", "bare",
                List.of(ComparisonRow.of("hot", SampleReports.repetitions(1_000L), null)));
        String text = ComparisonText.render(c);
        assertTrue(text.startsWith("t (milliseconds)\n"), text);
        assertFalse(text.contains("overhead"));
    }

    @Test
    void differencesCarryTheirSign() {
        assertEquals("+2.30", ComparisonText.signed(2.3));
        assertEquals("-0.410", ComparisonText.signed(-0.41));
        assertEquals("+0.000", ComparisonText.signed(0.0));
        assertEquals("-", ComparisonText.signed(null));
        assertEquals("+12.0 (1.25x)", ComparisonText.signedWithRatio(12.0, 1.25));
        assertEquals("+12.0", ComparisonText.signedWithRatio(12.0, null));
        assertEquals("-", ComparisonText.signedWithRatio(null, 1.0));
    }
}
