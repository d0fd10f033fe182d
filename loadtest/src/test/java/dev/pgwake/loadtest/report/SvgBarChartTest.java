package dev.pgwake.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgBarChartTest {

    private static int count(String haystack, String needle) {
        return haystack.split(Pattern.quote(needle), -1).length - 1;
    }

    private static SvgBarChart chart() {
        return new SvgBarChart("t", "ms", Formats::ms).logY().series("pgwake", "#111111").series("bare", "#222222");
    }

    @Test
    void aBarPerValueGroupedWithWhiskersAndLabels() {
        String svg = chart()
                .add(new SvgBarChart.Bar("hot", "pgwake", 15, 40.0, "hot pgwake"))
                .add(new SvgBarChart.Bar("hot", "bare", 11, 20.0, "hot bare"))
                .add(new SvgBarChart.Bar("warm", "pgwake", 52, null, "warm pgwake"))
                .render();
        assertEquals(3, count(svg, "<rect class=\"bar\""));
        assertEquals(4, count(svg, "class=\"whisker\""), "a line and a cap per whisker");
        assertTrue(svg.contains(">hot</text>") && svg.contains(">warm</text>"), "group labels");
        assertTrue(svg.contains("<title>hot bare</title>"));
        assertTrue(svg.contains(">15.0</text>") && svg.contains(">52.0</text>"), "values on the bars");
        assertEquals(2, count(svg, "stroke-width=\"3\""), "a legend entry per series");
    }

    @Test
    void aLongerValueIsATallerBar() {
        String svg = chart().add(new SvgBarChart.Bar("hot", "pgwake", 100, null, "a"))
                .add(new SvgBarChart.Bar("hot", "bare", 10, null, "b")).render();
        Matcher m = Pattern.compile("<rect class=\"bar\" [^>]*height=\"([0-9.]+)\"").matcher(svg);
        assertTrue(m.find());
        double first = Double.parseDouble(m.group(1));
        assertTrue(m.find());
        double second = Double.parseDouble(m.group(1));
        assertTrue(first > second, first + " vs " + second);
    }

    @Test
    void nothingPlottableIsSaid() {
        String svg = chart().add(new SvgBarChart.Bar("hot", "pgwake", Double.NaN, null, "none")).render();
        assertTrue(svg.contains("no data"));
        assertEquals(0, count(svg, "<rect class=\"bar\""));
    }

    @Test
    void seriesMustBeDeclared() {
        assertThrows(IllegalArgumentException.class, () -> chart().add(new SvgBarChart.Bar("hot", "other", 1, null, "x")));
    }
}
