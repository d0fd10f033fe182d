package dev.pgwake.proxy.relay;

import static dev.pgwake.proxy.pool.EmbeddedServers.ENDPOINT;
import static dev.pgwake.proxy.testing.WireMessages.BIND_COMPLETE;
import static dev.pgwake.proxy.testing.WireMessages.CLOSE_COMPLETE;
import static dev.pgwake.proxy.testing.WireMessages.INT4;
import static dev.pgwake.proxy.testing.WireMessages.PARSE_COMPLETE;
import static dev.pgwake.proxy.testing.WireMessages.bind;
import static dev.pgwake.proxy.testing.WireMessages.closeStatement;
import static dev.pgwake.proxy.testing.WireMessages.commandComplete;
import static dev.pgwake.proxy.testing.WireMessages.dataRow;
import static dev.pgwake.proxy.testing.WireMessages.definition;
import static dev.pgwake.proxy.testing.WireMessages.describeStatement;
import static dev.pgwake.proxy.testing.WireMessages.error;
import static dev.pgwake.proxy.testing.WireMessages.execute;
import static dev.pgwake.proxy.testing.WireMessages.hexOf;
import static dev.pgwake.proxy.testing.WireMessages.parameterDescription;
import static dev.pgwake.proxy.testing.WireMessages.parse;
import static dev.pgwake.proxy.testing.WireMessages.readyForQuery;
import static dev.pgwake.proxy.testing.WireMessages.rowDescription;
import static dev.pgwake.proxy.testing.WireMessages.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.config.PoolConfig;
import dev.pgwake.proxy.pool.EmbeddedServers;
import dev.pgwake.proxy.pool.PoolKey;
import dev.pgwake.proxy.pool.PooledServer;
import dev.pgwake.proxy.pool.ServerPool;
import dev.pgwake.proxy.relay.RelayedClient.Feeding;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Named prepared statements through {@link Relay} and {@link StatementTranslator}: what the server is sent in
 * their place and what the client hears back, byte for byte, with input in one read, one read per message and
 * one read per byte.
 */
class StatementTranslatorTest {
    private static final PoolKey KEY = new PoolKey("main", "app", "alice");
    private static final byte[] SYNTAX_ERROR = error("42601", "syntax error at or near \"selec\"");

    private final EmbeddedServers servers = new EmbeddedServers();
    private final ServerPool pool = pool(200);
    private final List<RelayedClient> clients = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        clients.forEach(RelayedClient::close);
        servers.closeAll();
    }

    private ServerPool pool(int maxPreparedStatements) {
        PoolConfig config = new PoolConfig(null, 5, null, null, null, null, null, null, null, null, null, null, null,
                maxPreparedStatements, null);
        return servers.pool(KEY, config.settingsFor(KEY.branch(), KEY.database(), KEY.user()));
    }

    private RelayedClient client() {
        RelayedClient client = new RelayedClient(Map.of());
        clients.add(client);
        return client;
    }

    /** A client holding a server connection of {@code from}: the one idle, else a new one. */
    private RelayedClient clientOf(ServerPool from) {
        RelayedClient client = client();
        return client.attach(from.lease(client.channel().eventLoop(), ENDPOINT).getNow());
    }

    /** pgwake_ and the first 128 bits of the SHA-256 of the statement's definition, in hex. */
    private static String serverName(String sql, int... types) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(definition(sql, types));
            return "pgwake_" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The client prepares {@code name} as {@code sql} on its server, which accepts it. */
    private static void prepared(RelayedClient client, String name, String sql) {
        client.send(Feeding.WHOLE, parse(name, sql), sync());
        assertEquals(hexOf(parse(serverName(sql), sql), sync()), client.sentToServer());
        client.answer(Feeding.WHOLE, PARSE_COMPLETE, readyForQuery('I'));
        assertEquals(hexOf(PARSE_COMPLETE, readyForQuery('I')), client.received());
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void aNamedStatementIsPreparedUnderPgwakesNameAndBindAndDescribeUseIt(Feeding feeding) {
        RelayedClient client = clientOf(pool);
        String sql = "select $1::int";
        String name = serverName(sql, INT4);
        assertTrue(name.matches("pgwake_[0-9a-f]{32}"), name);

        client.send(feeding, parse("s1", sql, INT4), describeStatement("s1"), bind("p1", "s1", "7"), execute("p1"),
                sync());

        assertEquals(hexOf(parse(name, sql, INT4), describeStatement(name), bind("p1", name, "7"), execute("p1"),
                sync()), client.sentToServer());
        byte[][] answer = {PARSE_COMPLETE, parameterDescription(INT4), rowDescription("int4"), BIND_COMPLETE,
                dataRow("7"), commandComplete("SELECT 1"), readyForQuery('I')};
        client.answer(feeding, answer);
        assertEquals(hexOf(answer), client.received());
        assertEquals(List.of('I'), client.readyForQuery());
        assertTrue(client.relay().server().statements().has(name));
        assertTrue(pool.knows(name), "the pool learns that a server accepted it");
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void anotherClientsParseOfTheSameStatementOnThatServerIsAnsweredByPgwake(Feeding feeding) {
        RelayedClient first = clientOf(pool);
        prepared(first, "s1", "select 1");
        PooledServer server = first.relay().detach();
        pool.release(server);
        RelayedClient second = client().attach(pool.leaseNow(first.channel().eventLoop(), ENDPOINT));
        assertSame(server, second.relay().server());

        second.send(feeding, parse("other", "select 1"), bind("", "other"), execute(""), sync());

        String name = serverName("select 1");
        assertEquals(hexOf(bind("", name), execute(""), sync()), second.sentToServer(), "no Parse");
        second.answer(feeding, BIND_COMPLETE, dataRow("1"), commandComplete("SELECT 1"), readyForQuery('I'));
        assertEquals(hexOf(PARSE_COMPLETE, BIND_COMPLETE, dataRow("1"), commandComplete("SELECT 1"),
                readyForQuery('I')), second.received());
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void aStatementPreparedOnAnotherConnectionIsPreparedThereFirstAndItsParseCompleteSwallowed(Feeding feeding) {
        RelayedClient client = clientOf(pool);
        prepared(client, "s1", "select 1");
        PooledServer first = client.relay().detach(); // still leased: the next lease opens another connection
        client.attach(pool.lease(client.channel().eventLoop(), ENDPOINT).getNow());

        client.send(feeding, bind("", "s1"), execute(""), sync());

        String name = serverName("select 1");
        assertEquals(hexOf(parse(name, "select 1"), bind("", name), execute(""), sync()), client.sentToServer());
        client.answer(feeding, PARSE_COMPLETE, BIND_COMPLETE, dataRow("1"), commandComplete("SELECT 1"),
                readyForQuery('I'));
        assertEquals(hexOf(BIND_COMPLETE, dataRow("1"), commandComplete("SELECT 1"), readyForQuery('I')),
                client.received());
        pool.release(first);
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void aCloseOfANamedStatementIsAnsweredByPgwakeAndTheServerKeepsTheStatement(Feeding feeding) {
        RelayedClient client = clientOf(pool);
        prepared(client, "s1", "select 1");

        client.send(feeding, closeStatement("s1"), sync());

        assertEquals(hexOf(sync()), client.sentToServer());
        client.answer(feeding, readyForQuery('I'));
        assertEquals(hexOf(CLOSE_COMPLETE, readyForQuery('I')), client.received());
        assertTrue(client.relay().server().statements().has(serverName("select 1")));
        client.send(feeding, bind("", "s1"), sync());
        assertEquals(hexOf(bind("", "s1"), sync()), client.sentToServer(),
                "the client's name is gone: the server answers for it (26000)");
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void aCloseOfAStatementTheClientNeverPreparedIsAnsweredByPgwakeToo(Feeding feeding) {
        RelayedClient client = clientOf(pool);

        client.send(feeding, closeStatement("never"), sync());

        assertEquals(hexOf(sync()), client.sentToServer());
        client.answer(feeding, readyForQuery('I'));
        assertEquals(hexOf(CLOSE_COMPLETE, readyForQuery('I')), client.received());
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void anErrorAfterAParseDiscardsTheRepliesUpToTheSyncAndUndoesTheParse(Feeding feeding) {
        RelayedClient client = clientOf(pool);
        String name = serverName("selec 1");

        client.send(feeding, parse("s1", "selec 1"), bind("", "s1"), execute(""), sync());
        assertEquals(hexOf(parse(name, "selec 1"), bind("", name), execute(""), sync()), client.sentToServer());
        client.answer(feeding, SYNTAX_ERROR, readyForQuery('I'));

        assertEquals(hexOf(SYNTAX_ERROR, readyForQuery('I')), client.received());
        assertEquals(List.of('I'), client.readyForQuery());
        assertFalse(client.relay().awaiting());
        assertFalse(client.relay().server().statements().has(name));
        assertFalse(pool.knows(name));
        client.send(feeding, parse("s1", "select 1"), sync());
        assertEquals(hexOf(parse(serverName("select 1"), "select 1"), sync()), client.sentToServer(),
                "s1 is free again: no 42P05");
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void answersPgwakeWouldGiveAfterAFailedMessageAreDroppedAsTheServerSkipsThem(Feeding feeding) {
        RelayedClient client = clientOf(pool);
        prepared(client, "s1", "select 1");

        client.send(feeding, parse("bad", "selec 1"), parse("s2", "select 1"), closeStatement("s1"), sync());
        assertEquals(hexOf(parse(serverName("selec 1"), "selec 1"), sync()), client.sentToServer());
        client.answer(feeding, SYNTAX_ERROR, readyForQuery('I'));

        assertEquals(hexOf(SYNTAX_ERROR, readyForQuery('I')), client.received(),
                "no ParseComplete for s2, no CloseComplete for s1");
        client.send(feeding, parse("s2", "select 2"), sync());
        assertEquals(hexOf(parse(serverName("select 2"), "select 2"), sync()), client.sentToServer(),
                "s2 was never prepared: no 42P05");
    }

    /**
     * After an error the server skips every message up to the Sync, a Close included: the statement the client
     * closed is still there, as it would be on one PostgreSQL connection. pgwake answers a Close itself and
     * forgets the client's statement when the Close arrives, and does not take that back when the Close is
     * skipped, so the next Bind of the statement goes to the server under the client's own name (26000 there).
     */
    @Test
    void aCloseSkippedAfterAnErrorLeavesTheStatementAsOnPostgres() {
        RelayedClient client = clientOf(pool);
        prepared(client, "s1", "select 1");
        client.send(Feeding.WHOLE, parse("bad", "selec 1"), closeStatement("s1"), sync());
        client.sentToServer();
        client.answer(Feeding.WHOLE, SYNTAX_ERROR, readyForQuery('I'));
        assertEquals(hexOf(SYNTAX_ERROR, readyForQuery('I')), client.received(), "no CloseComplete: skipped");

        client.send(Feeding.WHOLE, bind("", "s1"), execute(""), sync());

        assertEquals(hexOf(bind("", serverName("select 1")), execute(""), sync()), client.sentToServer());
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void aDuplicateParseNameIsRefusedWith42P05AndTheClientsMessagesSkippedToTheSync(Feeding feeding) {
        RelayedClient client = clientOf(pool);
        prepared(client, "s1", "select 1");

        client.send(feeding, parse("s1", "select 2"), bind("", "s1"), execute(""), sync());

        assertEquals(hexOf(parse(StatementTranslator.REFUSAL_STATEMENT, StatementTranslator.REFUSAL_QUERY), sync()),
                client.sentToServer(), "the server fails in the refused Parse's place, so its transaction fails too");
        client.answer(feeding, error("42601", "syntax error at or near \"pgwake\""), readyForQuery('I'));
        assertEquals(hexOf(error("42P05", "prepared statement \"s1\" already exists"), readyForQuery('I')),
                client.received());
        client.send(feeding, bind("", "s1"), execute(""), sync());
        assertEquals(hexOf(bind("", serverName("select 1")), execute(""), sync()), client.sentToServer(),
                "s1 is still the first statement");
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void theLeastRecentlyUsedStatementIsClosedOnTheServerPastMaxPreparedStatements(Feeding feeding) {
        RelayedClient client = clientOf(pool(1));
        prepared(client, "s1", "select 1");

        client.send(feeding, parse("s2", "select 2"), sync());

        assertEquals(hexOf(closeStatement(serverName("select 1")), parse(serverName("select 2"), "select 2"), sync()),
                client.sentToServer());
        client.answer(feeding, CLOSE_COMPLETE, PARSE_COMPLETE, readyForQuery('I'));
        assertEquals(hexOf(PARSE_COMPLETE, readyForQuery('I')), client.received(), "pgwake's Close is its own");
    }
}
