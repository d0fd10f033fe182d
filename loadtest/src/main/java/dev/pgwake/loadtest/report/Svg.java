package dev.pgwake.loadtest.report;

import java.util.Locale;

/** The frame every chart shares: size, margins, and writing coordinates and elements. */
final class Svg {
    static final int WIDTH = 880;
    static final int HEIGHT = 300;
    static final int LEFT = 72;
    static final int RIGHT = 150;
    static final int TOP = 34;
    static final int BOTTOM = 48;
    static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

    private final StringBuilder out = new StringBuilder(8192);

    Svg(String title) {
        out.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n")
                .append("<text class=\"title\" x=\"").append(LEFT).append("\" y=\"20\">").append(Html.escape(title))
                .append("</text>\n");
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** x pixel of a fraction along the plot's width. */
    static double x(double fraction) {
        return LEFT + fraction * PLOT_WIDTH;
    }

    /** y pixel of a fraction up the plot's height. */
    static double y(double fraction) {
        return TOP + (1 - fraction) * PLOT_HEIGHT;
    }

    Svg raw(String markup) {
        out.append(markup);
        return this;
    }

    Svg text(double x, double y, String cssClass, String anchor, String text) {
        out.append("<text class=\"").append(cssClass).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" text-anchor=\"").append(anchor).append("\">").append(Html.escape(text)).append("</text>\n");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        out.append("<line class=\"").append(cssClass).append("\" x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1))
                .append("\" x2=\"").append(num(x2)).append("\" y2=\"").append(num(y2)).append("\"/>\n");
        return this;
    }

    /** Gridlines and labels for both axes, and the axis titles. */
    Svg axes(Axis xAxis, java.util.function.DoubleFunction<String> xLabel, String xTitle,
             Axis yAxis, java.util.function.DoubleFunction<String> yLabel, String yTitle) {
        yAxis(yAxis, yLabel, yTitle);
        for (double t : xAxis.ticks()) {
            double px = x(xAxis.fraction(t));
            line(px, TOP, px, TOP + PLOT_HEIGHT, "grid");
            text(px, TOP + PLOT_HEIGHT + 16, "tick", "middle", xLabel.apply(t));
        }
        return xAxisLine(xTitle);
    }

    /** Horizontal gridlines and labels of the y axis, the y axis line and its title. */
    Svg yAxis(Axis yAxis, java.util.function.DoubleFunction<String> yLabel, String yTitle) {
        for (double t : yAxis.ticks()) {
            double py = y(yAxis.fraction(t));
            line(LEFT, py, LEFT + PLOT_WIDTH, py, "grid");
            text(LEFT - 6, py + 4, "tick", "end", yLabel.apply(t));
        }
        line(LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, "axis");
        out.append("<text class=\"axis-title\" transform=\"translate(16 ").append(num(TOP + PLOT_HEIGHT / 2.0))
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(Html.escape(yTitle)).append("</text>\n");
        return this;
    }

    /** The x axis line and its title (tick labels are the caller's: numbers or categories). */
    Svg xAxisLine(String xTitle) {
        line(LEFT, TOP + PLOT_HEIGHT, LEFT + PLOT_WIDTH, TOP + PLOT_HEIGHT, "axis");
        return text(LEFT + PLOT_WIDTH / 2.0, HEIGHT - 8, "axis-title", "middle", xTitle);
    }

    /** A legend entry on the right of the plot, {@code index} from the top. */
    Svg legend(int index, String color, String name) {
        double ly = TOP + 8 + index * 18;
        double lx = LEFT + PLOT_WIDTH + 14;
        out.append("<line x1=\"").append(num(lx)).append("\" y1=\"").append(num(ly)).append("\" x2=\"").append(num(lx + 18))
                .append("\" y2=\"").append(num(ly)).append("\" stroke=\"").append(color).append("\" stroke-width=\"3\"/>\n");
        return text(lx + 24, ly + 4, "legend", "start", name);
    }

    /** A message in the middle of an empty plot. */
    Svg empty(String message) {
        out.append("<rect class=\"plot-empty\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(PLOT_WIDTH).append("\" height=\"").append(PLOT_HEIGHT).append("\"/>\n");
        return text(LEFT + PLOT_WIDTH / 2.0, TOP + PLOT_HEIGHT / 2.0, "empty", "middle", message);
    }

    String end() {
        return out.append("</svg>\n").toString();
    }
}
