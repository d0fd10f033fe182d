package dev.pgwake.proxy.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What one console statement answers: text columns, rows (a null value is SQL NULL) and the command tag
 * of its CommandComplete. A statement that returns no rows at all (SET) has no columns.
 */
record ResultSet(String tag, List<String> columns, List<List<String>> rows) {
    ResultSet {
        columns = List.copyOf(columns);
        List<List<String>> copied = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row of " + row.size() + " values for " + columns.size() + " columns");
            }
            copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copied);
    }

    /** Only a command tag, as the server answers SET: no RowDescription, no rows. */
    static ResultSet tagOnly(String tag) {
        return new ResultSet(tag, List.of(), List.of());
    }

    /** A result of one row. */
    static ResultSet row(String tag, List<String> columns, String... values) {
        return new ResultSet(tag, columns, List.of(Arrays.asList(values)));
    }
}
