package dev.pgwake.proxy.relay;

import static dev.pgwake.proxy.pool.EmbeddedServers.ENDPOINT;
import static dev.pgwake.proxy.testing.WireMessages.BIND_COMPLETE;
import static dev.pgwake.proxy.testing.WireMessages.CLOSE_COMPLETE;
import static dev.pgwake.proxy.testing.WireMessages.INT4;
import static dev.pgwake.proxy.testing.WireMessages.PARSE_COMPLETE;
import static dev.pgwake.proxy.testing.WireMessages.bind;
import static dev.pgwake.proxy.testing.WireMessages.closePortal;
import static dev.pgwake.proxy.testing.WireMessages.closeStatement;
import static dev.pgwake.proxy.testing.WireMessages.commandComplete;
import static dev.pgwake.proxy.testing.WireMessages.dataRow;
import static dev.pgwake.proxy.testing.WireMessages.describePortal;
import static dev.pgwake.proxy.testing.WireMessages.execute;
import static dev.pgwake.proxy.testing.WireMessages.flush;
import static dev.pgwake.proxy.testing.WireMessages.hexOf;
import static dev.pgwake.proxy.testing.WireMessages.parameterStatus;
import static dev.pgwake.proxy.testing.WireMessages.parse;
import static dev.pgwake.proxy.testing.WireMessages.query;
import static dev.pgwake.proxy.testing.WireMessages.readyForQuery;
import static dev.pgwake.proxy.testing.WireMessages.rowDescription;
import static dev.pgwake.proxy.testing.WireMessages.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.config.PoolConfig;
import dev.pgwake.proxy.pool.EmbeddedServers;
import dev.pgwake.proxy.pool.PoolKey;
import dev.pgwake.proxy.pool.ServerPool;
import dev.pgwake.proxy.protocol.Frame;
import dev.pgwake.proxy.protocol.FrameDecoder;
import dev.pgwake.proxy.relay.RelayedClient.Feeding;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Relay} between a client and a pooled server connection, both {@link EmbeddedChannel}s: what passes
 * untouched, how a connection is brought in line with the client's settings, and what pgwake answers while the
 * client holds no connection. Prepared statements: {@link StatementTranslatorTest}.
 */
class RelayTest {
    private static final PoolKey KEY = new PoolKey("main", "app", "alice");

    private final EmbeddedServers servers = new EmbeddedServers();
    private final ServerPool pool = servers.pool(KEY, new PoolConfig(null, 5, null, null, null, null, null, null, null,
            null, null, null, null, null, null).settingsFor(KEY.branch(), KEY.database(), KEY.user()));
    private final List<RelayedClient> clients = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        clients.forEach(RelayedClient::close);
        servers.closeAll();
    }

    private RelayedClient client(Map<String, String> startup) {
        RelayedClient client = new RelayedClient(startup);
        clients.add(client);
        return client;
    }

    private RelayedClient attached(Map<String, String> startup) {
        RelayedClient client = client(startup);
        return client.attach(pool.lease(client.channel().eventLoop(), ENDPOINT).getNow());
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void unnamedStatementsAndPortalsPassAsTheyCame(Feeding feeding) {
        RelayedClient client = attached(Map.of());
        byte[][] request = {parse("", "select $1::int", INT4), bind("", "", "7"), describePortal(""), execute(""),
                closePortal(""), sync()};
        byte[][] answer = {PARSE_COMPLETE, BIND_COMPLETE, rowDescription("int4"), dataRow("7"),
                commandComplete("SELECT 1"), CLOSE_COMPLETE, readyForQuery('I')};

        client.send(feeding, request);
        assertEquals(hexOf(request), client.sentToServer());
        client.answer(feeding, answer);

        assertEquals(hexOf(answer), client.received());
        assertEquals(List.of('I'), client.readyForQuery());
        assertTrue(client.relay().quiet());
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void aSimpleQueryAndItsRowsPassAsTheyCame(Feeding feeding) {
        RelayedClient client = attached(Map.of());
        byte[][] answer = {rowDescription("n"), dataRow("1"), dataRow("2"), commandComplete("SELECT 2"),
                readyForQuery('I')};

        client.send(feeding, query("select n from t"));
        assertEquals(hexOf(query("select n from t")), client.sentToServer());
        assertTrue(client.relay().awaiting());
        client.answer(feeding, answer);

        assertEquals(hexOf(answer), client.received());
        assertFalse(client.relay().awaiting());
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void aNewConnectionIsBroughtInLineWithTheClientsStartupSettingsBeforeItsFirstMessage(Feeding feeding) {
        RelayedClient client = attached(Map.of("application_name", "it's mine"));

        client.send(feeding, query("select 1"));

        assertEquals(hexOf(query("SET \"application_name\" TO 'it''s mine'"), query("select 1")),
                client.sentToServer());
        client.answer(feeding, commandComplete("SET"), parameterStatus("application_name", "it's mine"),
                readyForQuery('I'), rowDescription("?column?"), dataRow("1"), commandComplete("SELECT 1"),
                readyForQuery('I'));
        assertEquals(hexOf(rowDescription("?column?"), dataRow("1"), commandComplete("SELECT 1"), readyForQuery('I')),
                client.received(), "pgwake's SET is answered to pgwake");
        client.send(feeding, query("select 2"));
        assertEquals(hexOf(query("select 2")), client.sentToServer(), "aligned once");
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void aSetThatSucceededIsReplayedOnTheNextConnection(Feeding feeding) {
        RelayedClient client = attached(Map.of());
        client.send(feeding, query("SET statement_timeout TO 5000"));
        client.answer(feeding, commandComplete("SET"), readyForQuery('I'));
        assertEquals(hexOf(commandComplete("SET"), readyForQuery('I')), client.received());
        client.relay().detach(); // still leased: the next lease opens another connection
        client.attach(pool.lease(client.channel().eventLoop(), ENDPOINT).getNow());
        client.sentToServer();

        client.send(feeding, query("select 1"));

        assertEquals(hexOf(query("SET \"statement_timeout\" TO 5000"), query("select 1")), client.sentToServer());
    }

    @Test
    void withoutAServerAParseOfAStatementThePoolKnowsAndACloseAreAnsweredByPgwake() {
        RelayedClient preparer = attached(Map.of());
        preparer.send(Feeding.WHOLE, parse("s1", "select 1"), sync());
        preparer.answer(Feeding.WHOLE, PARSE_COMPLETE, readyForQuery('I'));
        RelayedClient client = client(Map.of());

        for (Frame frame : frames(parse("s9", "select 1"), closeStatement("s0"), flush(), sync())) {
            String what = frame.toString(); // before the relay releases it
            assertTrue(client.relay().answerWithoutServer(frame, pool::knows), what);
        }
        client.relay().flush();

        assertEquals(hexOf(PARSE_COMPLETE, CLOSE_COMPLETE, readyForQuery('I')), client.received());
        Frame unknown = frames(parse("s8", "select 8")).get(0);
        try {
            assertFalse(client.relay().answerWithoutServer(unknown, pool::knows), "the pool never prepared it");
        } finally {
            unknown.release();
        }
    }

    /** The messages as the client's FrameDecoder would hand them over. */
    private static List<Frame> frames(byte[]... messages) {
        EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder(1 << 20));
        Feeding.MESSAGE_BY_MESSAGE.into(decoder, messages);
        List<Frame> frames = new ArrayList<>();
        Frame frame;
        while ((frame = decoder.readInbound()) != null) {
            frames.add(frame);
        }
        decoder.finishAndReleaseAll();
        return frames;
    }
}
