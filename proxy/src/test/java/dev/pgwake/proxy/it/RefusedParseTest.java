package dev.pgwake.proxy.it;

import static dev.pgwake.proxy.it.RawClient.int16;
import static dev.pgwake.proxy.it.RawClient.int32;
import static dev.pgwake.proxy.it.RawClient.string;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Parse that pgwake refuses itself (a statement name the client already prepared, 42P05) fails the transaction as
 * PostgreSQL's own error would: inside BEGIN the transaction is aborted (ReadyForQuery 'E', then 25P02, and nothing
 * of it commits); in a pipeline outside a transaction block the implicit transaction is rolled back.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class RefusedParseTest {
    @RegisterExtension
    static final PgwakePerClass pgwake = new PgwakePerClass("pool:\n  pool_size: 2\n");

    @Test
    void insideATransactionTheRefusalAbortsIt() throws Exception {
        String table = createTable("refused_inside");
        try (RawClient client = RawClient.loggedIn(pgwake.port())) {
            client.prepare("s1", "select 1");
            client.query("begin; insert into " + table + " values (1)");
            assertEquals('T', status(client.readUntil('Z')));

            client.send('P', string("s1"), string("select 2"), int16(0));
            client.send('S');
            client.flush();
            List<RawClient.Message> answer = readThroughReady(client);
            assertEquals("42P05", answer.get(0).fields().get('C'), answer.get(0).fields().toString());
            assertEquals('E', status(answer.get(answer.size() - 1)), "the transaction failed, as in PostgreSQL");

            client.query("select 1");
            List<RawClient.Message> next = readThroughReady(client);
            assertEquals("25P02", next.get(0).fields().get('C'), next.get(0).fields().toString());
            client.query("commit");
            client.readUntil('Z');
        }
        assertEquals("0", PostgresFixture.shared().sql("select count(*) from " + table).strip());
    }

    @Test
    void inAPipelineOutsideATransactionTheRefusalRollsBackWhatCameBeforeIt() throws Exception {
        String table = createTable("refused_pipeline");
        try (RawClient client = RawClient.loggedIn(pgwake.port())) {
            client.prepare("s1", "select 1");
            client.send('P', string(""), string("insert into " + table + " values (1)"), int16(0));
            client.send('B', string(""), string(""), int16(0), int16(0), int16(0));
            client.send('E', string(""), int32(0));
            client.send('P', string("s1"), string("select 2"), int16(0));
            client.send('S');
            client.flush();
            List<RawClient.Message> answer = readThroughReady(client);
            RawClient.Message error = answer.stream().filter(m -> m.type() == 'E').findFirst().orElseThrow();
            assertEquals("42P05", error.fields().get('C'), error.fields().toString());
            assertEquals('I', status(answer.get(answer.size() - 1)));

            client.query("select 1");
            client.readUntil('Z');
        }
        assertEquals("0", PostgresFixture.shared().sql("select count(*) from " + table).strip(),
                "the implicit transaction's insert was rolled back with the error");
    }

    private static String createTable(String name) throws Exception {
        PostgresFixture.shared().sql("drop table if exists " + name + "; create table " + name + " (v int)");
        return name;
    }



    /** Every message up to and including the next ReadyForQuery, errors too. */
    private static List<RawClient.Message> readThroughReady(RawClient client) throws IOException {
        List<RawClient.Message> messages = new ArrayList<>();
        RawClient.Message message;
        do {
            message = client.read();
            messages.add(message);
        } while (message.type() != 'Z');
        return messages;
    }

    private static char status(RawClient.Message readyForQuery) {
        return (char) readyForQuery.body()[0];
    }
}
