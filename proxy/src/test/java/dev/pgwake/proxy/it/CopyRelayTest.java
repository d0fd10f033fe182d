package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** COPY FROM STDIN and COPY TO STDOUT through pgwake, with pgjdbc's CopyManager. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class CopyRelayTest {
    private static final int ROWS = 100_000;
    @RegisterExtension
    static final PgwakePerClass pgwake = new PgwakePerClass("");

    @Test
    void copyInThenCopyOutGivesBackTheSameRows() throws Exception {
        String data = rows();
        try (Connection connection = pgwake.connect(); Statement statement = connection.createStatement()) {
            statement.execute("create temp table copied (id int, name text, note text)");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();

            assertEquals(ROWS, copy.copyIn("copy copied from stdin", new StringReader(data)));
            assertEquals(ROWS, Sql.count(connection, "select count(*) from copied"));
            assertEquals(ROWS * (ROWS + 1L) / 2, Sql.count(connection, "select sum(id) from copied"));

            StringWriter out = new StringWriter();
            assertEquals(ROWS, copy.copyOut("copy (select * from copied order by id) to stdout", out));
            assertEquals(data, out.toString());
        }
    }

    @Test
    void aFailingCopyInIsAnErrorAndTheConnectionStaysUsable() throws Exception {
        try (Connection connection = pgwake.connect(); Statement statement = connection.createStatement()) {
            statement.execute("create temp table strict_numbers (n int)");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            SQLException e = assertThrows(SQLException.class,
                    () -> copy.copyIn("copy strict_numbers from stdin", new StringReader("1\n2\nthree\n4\n")));
            assertEquals("22P02", e.getSQLState(), e.getMessage());
            assertEquals(0, Sql.count(connection, "select count(*) from strict_numbers"));
            assertEquals(2, copy.copyIn("copy strict_numbers from stdin", new StringReader("5\n6\n")));
            assertEquals(11, Sql.count(connection, "select sum(n) from strict_numbers"));
        }
    }

    /** Tab-separated rows in COPY text format, with escapes and NULLs. */
    private static String rows() {
        StringBuilder data = new StringBuilder();
        for (int id = 1; id <= ROWS; id++) {
            data.append(id).append('\t').append("name ").append(id).append(" \u00e9").append('\t')
                    .append(id % 7 == 0 ? "\\N" : "tab\\there " + (id * 31 % 1000)).append('\n');
        }
        return data.toString();
    }
}
