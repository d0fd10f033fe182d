package dev.pgwake.loadtest.scenario;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The query scenarios use to ask a connection for an answer: {@code select 1}, its row read and checked. */
public final class SelectOne {
    private SelectOne() {
    }

    /** Runs {@code select 1} on {@code c} and reads its row; throws if the row is not 1. */
    public static void run(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            if (!rs.next() || rs.getInt(1) != 1) {
                throw new SQLException("select 1 did not return the row 1");
            }
        }
    }
}
