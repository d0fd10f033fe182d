package dev.pgwake.loadtest.report;

import java.util.ArrayList;
import java.util.List;

/** Columns of text padded to line up in a terminal: the first {@code leftColumns} left-aligned, the rest right. */
public final class TextTable {
    private final List<String> headers;
    private final int leftColumns;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> headers, int leftColumns) {
        this.headers = List.copyOf(headers);
        this.leftColumns = leftColumns;
    }

    public TextTable row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + headers.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public String render() {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headers.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, width);
        int total = 0;
        for (int w : width) {
            total += w + 2;
        }
        out.append("-".repeat(Math.max(0, total - 2))).append('\n');
        for (List<String> r : rows) {
            line(out, r, width);
        }
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            l.append(i < leftColumns ? c + pad : pad + c);
            if (i < cells.size() - 1) {
                l.append("  ");
            }
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }
}
