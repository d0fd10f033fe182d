package dev.pgwake.proxy.admin;

import static dev.pgwake.proxy.testing.ClientPackets.startup;
import static dev.pgwake.proxy.testing.ClientPackets.typed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.lifecycle.Branches;
import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.lifecycle.StaticDriver;
import dev.pgwake.proxy.backend.ServerCanceller;
import dev.pgwake.proxy.backend.ServerConnector;
import dev.pgwake.proxy.ProxyServer;
import dev.pgwake.proxy.pool.Pools;
import dev.pgwake.proxy.relay.Baselines;
import dev.pgwake.proxy.cancel.CancelRegistry;
import dev.pgwake.proxy.config.ConfigLoader;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.frontend.BranchSessions;
import dev.pgwake.proxy.frontend.FrontendContext;
import dev.pgwake.proxy.frontend.FrontendInitializer;
import dev.pgwake.proxy.frontend.LoginPolicy;
import dev.pgwake.proxy.testing.FixedServerControl;
import dev.pgwake.proxy.testing.BackendMessage;
import dev.pgwake.proxy.testing.Feed;
import dev.pgwake.proxy.testing.Hex;
import dev.pgwake.proxy.tls.TlsContexts;
import dev.pgwake.routing.BranchName;
import dev.pgwake.routing.Router;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The console's side of the protocol on a real frontend pipeline (startup decoder, routing, frame decoder) over an
 * {@link EmbeddedChannel}: handshake, simple queries, queued queries, refused extended-protocol messages. The one
 * branch, {@code main}, is a static one at 127.0.0.1:1, where nothing listens: the console must never go there.
 */
class AdminSessionTest {
    private final Branches branches = Branches.builder(new StaticDriver(Map.of("main", new Endpoint("127.0.0.1", 1)))).build();
    private final BranchSessions sessions = new BranchSessions();
    private final CancelRegistry cancels = new CancelRegistry();
    private EmbeddedChannel channel;
    private FixedServerControl control;

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        branches.close();
    }

    private EmbeddedChannel open(String yaml) {
        ProxyConfig config = new ConfigLoader().parse("tls: {mode: off}\n" + yaml, "test.yaml");
        FrontendContext context = new FrontendContext(config, new Router(BranchName.of("main"), Optional.empty()), branches,
                sessions, LoginPolicy.from(config.auth()), TlsContexts.forServer(config.tls()), cancels,
                new Pools(config.pool(), ProxyServer.opener(new ServerConnector(NioSocketChannel.class,
                        Duration.ofSeconds(1)), config.server())), new ServerCanceller(NioSocketChannel.class),
                control = new FixedServerControl(config), new Baselines());
        channel = new EmbeddedChannel(new FrontendInitializer(context));
        return channel;
    }

    /** Logs in to the console as the trusted default admin and drops the handshake. */
    private void loggedIn() {
        open("");
        Feed.WHOLE.into(channel, startup("user", "postgres", "database", "pgwake"));
        assertEquals('Z', last(BackendMessage.readAll(channel)).type());
    }

    private static byte[] query(String sql) {
        return typed('Q', cstring(sql));
    }

    private static byte[] cstring(String value) {
        return Hex.bytes(Hex.cstring(value));
    }

    /** Runs the event loop's tasks (where statement results land) until nothing is left to do; returns what was written. */
    private List<BackendMessage> answers() {
        List<BackendMessage> all = new ArrayList<>();
        for (int round = 0; round < 100; round++) {
            channel.runPendingTasks();
            List<BackendMessage> more = BackendMessage.readAll(channel);
            if (more.isEmpty() && round > 0) {
                return all;
            }
            all.addAll(more);
        }
        throw new AssertionError("still writing after 100 rounds of tasks: " + all);
    }

    private static String types(List<BackendMessage> messages) {
        return messages.stream().map(m -> String.valueOf(m.type())).collect(Collectors.joining());
    }

    private static BackendMessage last(List<BackendMessage> messages) {
        return messages.get(messages.size() - 1);
    }

    private static String text(BackendMessage message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void anAdminIsAnsweredLikeAServerWithoutWakingAnyBranch(Feed feed) {
        open("");

        feed.into(channel, startup("user", "postgres", "database", "pgwake"));

        List<BackendMessage> messages = BackendMessage.readAll(channel);
        assertEquals("RSSSSSSKZ", types(messages), messages.toString());
        assertEquals(0, messages.get(0).firstInt(), "AuthenticationOk");
        List<String> parameters = new ArrayList<>();
        for (BackendMessage m : messages.subList(1, 7)) {
            parameters.add(text(m).replace('\0', '='));
        }
        assertEquals(List.of("server_version=15.0 (pgwake console)=", "server_encoding=UTF8=", "client_encoding=UTF8=",
                "DateStyle=ISO, MDY=", "integer_datetimes=on=", "standard_conforming_strings=on="), parameters);
        assertEquals(1, cancels.size(), "BackendKeyData is a registered key");
        assertEquals("I", text(messages.get(8)));
        assertTrue(branches.info("main").orElseThrow().lastResume().isEmpty(), "main was not woken");
        assertEquals(0, sessions.clients("main"));
    }

    @Test
    void shutdownIsAnsweredBeforeTheShutdownBegins() {
        loggedIn();

        Feed.WHOLE.into(channel, query("SHUTDOWN"));
        List<BackendMessage> messages = answers();

        assertEquals("TDCZ", types(messages), messages.toString());
        assertTrue(text(messages.get(1)).contains("shutting down"), text(messages.get(1)));
        assertEquals(1, control.shutdowns(), "asked once, after the answer");
    }

    @Test
    void reloadWithoutAFileIsAnErrorWithTheConfigurationsSqlState() {
        loggedIn();

        Feed.WHOLE.into(channel, query("RELOAD"));
        List<BackendMessage> messages = answers();

        assertEquals("EZ", types(messages), messages.toString());
        assertTrue(text(messages.get(0)).contains("CF0000"), text(messages.get(0)));
        assertEquals(0, control.shutdowns());
    }

    @Test
    void aUserWhoIsNotAnAdminIsRefusedWith42501() {
        open("");

        Feed.WHOLE.into(channel, startup("user", "alice", "database", "pgwake"));
        channel.runPendingTasks();

        List<BackendMessage> messages = BackendMessage.readAll(channel);
        assertEquals("E", types(messages), messages.toString());
        assertEquals("FATAL", messages.get(0).fields().get('S'));
        assertEquals("42501", messages.get(0).sqlState());
        assertEquals("permission denied for the pgwake console: user \"alice\" is not in admin.users", messages.get(0).message());
        assertFalse(channel.isOpen());
        assertEquals(0, cancels.size());
    }

    @Test
    void theConsoleIsReachedWhateverBranchRoutingNames() {
        open("");

        Feed.WHOLE.into(channel, startup("user", "postgres", "database", "pgwake@feature"));

        assertEquals("RSSSSSSKZ", types(BackendMessage.readAll(channel)));
    }

    @Test
    void showVersionIsOneTextRow() {
        loggedIn();

        Feed.WHOLE.into(channel, query("show version;"));

        List<BackendMessage> messages = answers();
        assertEquals("TDCZ", types(messages), messages.toString());
        assertTrue(text(messages.get(1)).contains("pgwake "), text(messages.get(1)));
        assertEquals("SHOW\0", text(messages.get(2)));
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void queriesThatArriveWhileOneRunsWaitTheirTurn(Feed feed) {
        loggedIn();

        feed.into(channel, Feed.concat(query("SHOW VERSION; SHOW HELP"), query("SHOW BRANCHES"), query("SHOW VERSION")));

        List<BackendMessage> messages = answers();
        int helpRows = CommandParser.COMMANDS.size();
        assertEquals("TDC" + "T" + "D".repeat(helpRows) + "CZ" + "TDCZ" + "TDCZ", types(messages), messages.toString());
        assertTrue(text(messages.get(helpRows + 7)).startsWith("\0\12\0\0\0\4main"), "SHOW BRANCHES lists main (10 columns)");
        assertTrue(channel.config().isAutoRead(), "reading resumes once the queue is empty");
    }

    @Test
    void anUnknownCommandIs42601AndTheConnectionGoesOn() {
        loggedIn();

        Feed.WHOLE.into(channel, query("SHOW VERSION; FROBNICATE"));
        List<BackendMessage> refused = answers();
        Feed.WHOLE.into(channel, query("SHOW VERSION"));
        List<BackendMessage> after = answers();

        assertEquals("EZ", types(refused), "nothing of a query with a bad statement runs: " + refused);
        assertEquals("ERROR", refused.get(0).fields().get('S'));
        assertEquals("42601", refused.get(0).sqlState());
        assertTrue(refused.get(0).message().contains("SUSPEND BRANCH name"), refused.get(0).message());
        assertEquals("TDCZ", types(after));
    }

    @Test
    void aFailedOperationIsAnErrorWithItsSqlStateAndTheRestOfTheQueryIsSkipped() {
        loggedIn();

        Feed.WHOLE.into(channel, query("SHOW VERSION; SUSPEND BRANCH nosuch; SHOW VERSION"));
        List<BackendMessage> messages = answers();

        assertEquals("TDCEZ", types(messages), messages.toString());
        assertEquals("3D000", messages.get(3).sqlState());
        assertTrue(messages.get(3).message().contains("\"nosuch\""), messages.get(3).message());
        assertTrue(channel.isOpen());
    }

    @Test
    void extendedProtocolMessagesAreRefusedOnceAndSkippedUntilSync() {
        loggedIn();

        byte[] parse = typed('P', Feed.concat(cstring(""), cstring("SHOW BRANCHES"), Hex.bytes("0000")));
        byte[] bind = typed('B', Hex.bytes("00 00 0000 0000 0000"));
        byte[] describe = typed('D', Hex.bytes("50 00"));
        byte[] execute = typed('E', Hex.bytes("00 00000000"));
        byte[] sync = typed('S', new byte[0]);
        Feed.BYTE_BY_BYTE.into(channel, Feed.concat(parse, bind, describe, execute, sync, query("SHOW VERSION")));
        List<BackendMessage> messages = answers();

        assertEquals("EZTDCZ", types(messages), messages.toString());
        assertEquals("0A000", messages.get(0).sqlState());
        assertEquals("the pgwake console speaks the simple query protocol only", messages.get(0).message());
    }

    @Test
    void anEmptyQueryIsAnsweredWithEmptyQueryResponse() {
        loggedIn();

        Feed.WHOLE.into(channel, query(" ; "));

        assertEquals("IZ", types(answers()));
    }

    @Test
    void aSyncOnItsOwnIsAnsweredWithReadyForQuery() {
        loggedIn();

        Feed.WHOLE.into(channel, typed('S', new byte[0]));

        assertEquals("Z", types(answers()));
    }

    @Test
    void terminateClosesTheConnection() {
        loggedIn();

        Feed.WHOLE.into(channel, typed('X', new byte[0]));

        assertFalse(channel.isOpen());
        assertEquals(0, cancels.size(), "the key is unregistered");
    }

    @Test
    void anUnexpectedMessageTypeIsAFatalProtocolViolation() {
        loggedIn();

        Feed.WHOLE.into(channel, typed('p', cstring("secret")));
        channel.runPendingTasks();

        List<BackendMessage> messages = BackendMessage.readAll(channel);
        assertEquals("E", types(messages));
        assertEquals("FATAL", messages.get(0).fields().get('S'));
        assertEquals("08P01", messages.get(0).sqlState());
        assertFalse(channel.isOpen());
    }
}
