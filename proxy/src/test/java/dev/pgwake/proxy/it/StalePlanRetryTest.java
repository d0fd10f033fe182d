package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.PostgresFixture;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.pgwake.proxy.it.RawClient.int16;
import static dev.pgwake.proxy.it.RawClient.int32;
import static dev.pgwake.proxy.it.RawClient.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A named statement whose result type changes under it (ALTER TABLE between two executions): outside a
 * transaction pgwake prepares it again and runs the client's Bind/Execute/Sync once more, so a client that
 * lets the server choose the result formats never sees "cached plan must not change result type"; inside a
 * transaction the error reaches the client, and after its ROLLBACK the statement works again.
 */
class StalePlanRetryTest {

    @Test
    void outsideATransactionTheStatementRunsAgainWithTheNewColumns() throws Exception {
        String table = createTable("stale_outside");
        try (Pgwake pgwake = Pgwake.start("pool:\n  pool_size: 2\n");
             RawClient client = RawClient.loggedIn(pgwake.port())) {
            client.prepare("s1", "select * from " + table);
            assertEquals(List.of(2), execute(client, "s1"));

            PostgresFixture.shared().sql("alter table " + table + " add column c int default 7");

            assertEquals(List.of(3), execute(client, "s1"), "the row of the re-prepared statement has the new column");
            assertEquals(List.of(3), execute(client, "s1"));
        }
    }

    @Test
    void insideATransactionTheErrorReachesTheClientAndTheStatementWorksAfterRollback() throws Exception {
        String table = createTable("stale_inside");
        try (Pgwake pgwake = Pgwake.start("pool:\n  pool_size: 2\n");
             RawClient client = RawClient.loggedIn(pgwake.port())) {
            client.prepare("s1", "select * from " + table);
            assertEquals(List.of(2), execute(client, "s1"));
            client.query("begin");
            client.readUntil('Z');

            PostgresFixture.shared().sql("alter table " + table + " add column c int default 7");

            Map<Character, String> error = executeExpectingError(client, "s1");
            assertEquals("0A000", error.get('C'), error.toString());
            assertTrue(error.get('M').startsWith("cached plan must not change result type"), error.toString());
            client.query("rollback");
            client.readUntil('Z');
            assertEquals(List.of(3), execute(client, "s1"));
        }
    }

    @Test
    void aClientThatKnowsTheOldColumnsHearsThatThePlanChangedWhenItsStatementIsPreparedOnAnotherConnection()
            throws Exception {
        String table = createTable("stale_elsewhere");
        try (Pgwake pgwake = Pgwake.start("pool:\n  pool_size: 2\n");
             RawClient client = RawClient.loggedIn(pgwake.port());
             RawClient other = RawClient.loggedIn(pgwake.port())) {
            client.prepare("s1", "select * from " + table);
            assertEquals(List.of(2), execute(client, "s1"));
            other.query("begin; select 1"); // holds the pool's one connection, where s1 is prepared
            other.readUntil('Z');

            PostgresFixture.shared().sql("alter table " + table + " add column c int default 7");

            // result formats for the two columns the client knows: on a new connection s1 now has three
            client.send('B', string(""), string("s1"), int16(0), int16(0), int16(2), int16(0), int16(0));
            client.send('E', string(""), int32(0));
            client.send('S');
            client.flush();
            Map<Character, String> error = null;
            RawClient.Message message;
            while ((message = client.read()).type() != 'Z') {
                if (message.type() == 'E') {
                    error = message.fields();
                }
            }
            assertEquals("0A000", error == null ? null : error.get('C'), String.valueOf(error));
            assertEquals("cached plan must not change result type", error.get('M'));
            assertEquals("RevalidateCachedQuery", error.get('R'), "the routine pgjdbc recognises to prepare it again");
            other.query("rollback");
            other.readUntil('Z');
        }
    }

    private static String createTable(String name) {
        PostgresFixture.shared().sql("drop table if exists " + name + "; create table " + name
                + " (a int, b int); insert into " + name + " values (1, 2)");
        return name;
    }



    /** Bind (no result formats: the server chooses text for every column), Execute, Sync: each DataRow's width. */
    private static List<Integer> execute(RawClient client, String statement) throws IOException {
        sendExecution(client, statement);
        List<Integer> widths = new ArrayList<>();
        RawClient.Message message;
        while ((message = client.read()).type() != 'Z') {
            if (message.type() == 'E') {
                throw new AssertionError("error: " + message.fields());
            }
            if (message.type() == 'D') {
                widths.add(((message.body()[0] & 0xFF) << 8) | (message.body()[1] & 0xFF));
            }
        }
        return widths;
    }

    private static Map<Character, String> executeExpectingError(RawClient client, String statement) throws IOException {
        sendExecution(client, statement);
        Map<Character, String> error = null;
        RawClient.Message message;
        while ((message = client.read()).type() != 'Z') {
            if (message.type() == 'E') {
                error = message.fields();
            }
        }
        if (error == null) {
            throw new AssertionError("no error");
        }
        return error;
    }

    private static void sendExecution(RawClient client, String statement) throws IOException {
        client.send('B', string(""), string(statement), int16(0), int16(0), int16(0));
        client.send('E', string(""), int32(0));
        client.send('S');
        client.flush();
    }
}
