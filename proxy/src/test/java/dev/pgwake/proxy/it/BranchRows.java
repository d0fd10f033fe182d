package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgwake.lifecycle.BranchState;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Table {@code t} with two rows named after its branch: what the wake tests write before a branch sleeps and
 * read after it woke, so a wrong branch, a lost write or an empty copy shows.
 */
final class BranchRows {
    private BranchRows() {
    }

    /** Creates {@code branch} (from main, on first connect through pgwake) and writes its rows; it is left RUNNING. */
    static void create(LocalPgwake pgwake, String branch) throws SQLException {
        try (Connection connection = pgwake.connect(branch); Statement statement = connection.createStatement()) {
            statement.execute("create table t (id int primary key, v text)");
            statement.execute("insert into t values (1, '" + branch + "'), (2, '" + branch + "')");
        }
        assertEquals(BranchState.RUNNING, pgwake.state(branch));
    }

    /** What {@link #read} returns on {@code branch}. */
    static String expected(String branch) {
        return "1 " + branch + ",2 " + branch;
    }

    static String read(Connection connection) throws SQLException {
        return Sql.one(connection, "select string_agg(id || ' ' || v, ',' order by id) from t");
    }
}
