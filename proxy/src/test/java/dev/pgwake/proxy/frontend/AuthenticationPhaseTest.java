package dev.pgwake.proxy.frontend;

import static dev.pgwake.proxy.testing.ClientPackets.saslInitialResponse;
import static dev.pgwake.proxy.testing.ClientPackets.startup;
import static dev.pgwake.proxy.testing.ClientPackets.typed;
import static dev.pgwake.proxy.testing.Hex.cstring;
import static dev.pgwake.proxy.testing.Hex.normalize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.auth.ScramClientExchange;
import dev.pgwake.proxy.auth.ScramSecret;
import dev.pgwake.proxy.cancel.CancelRegistry;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.testing.BackendMessage;
import dev.pgwake.proxy.testing.ClientPackets;
import dev.pgwake.proxy.testing.Feed;
import dev.pgwake.proxy.testing.Hex;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** From StartupMessage to the end of authentication, SCRAM-SHA-256 against a users file, on a real pipeline. */
class AuthenticationPhaseTest {
    private static final String PASSWORD = "correct horse";
    /** AuthenticationSASL: 'R', Int32 23, Int32 10, "SCRAM-SHA-256", zero byte ending the list. */
    private static final String AUTHENTICATION_SASL = "52 00000017 0000000a" + cstring("SCRAM-SHA-256") + "00";

    @TempDir
    Path dir;
    private ProxyConfig config;
    private EmbeddedChannel channel;

    @BeforeEach
    void usersFile() throws IOException {
        Path users = dir.resolve("userlist.txt");
        Files.writeString(users, "\"alice\" \"" + ScramSecret.generate(PASSWORD).encode() + "\"\n");
        config = FrontendChannel.config("tls: {mode: off}\nmax_frame_size: 1kB\nstartup_timeout: 1s\n"
                + "auth: {method: scram-sha-256, users_file: '" + users + "'}\n");
    }

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void startupMessageIsAnsweredWithAuthenticationSasl(Feed feed) {
        channel = FrontendChannel.open(config);

        feed.into(channel, startup("user", "alice", "database", "appdb"));

        assertEquals(normalize(AUTHENTICATION_SASL), Hex.of(BackendMessage.drainOutbound(channel)));
        assertTrue(channel.isOpen());
        assertEquals(List.of("frames", "session"), channel.pipeline().names().subList(0, 2));
    }

    @Test
    void protocol32IsNegotiatedDownBeforeAuthentication() {
        channel = FrontendChannel.open(config);

        Feed.WHOLE.into(channel, ClientPackets.startup((3 << 16) | 2, "user", "alice"));

        // NegotiateProtocolVersion: 'v', Int32 12, Int32 newest minor 0, Int32 no unrecognized options
        assertEquals(normalize("76 0000000c 00000000 00000000" + AUTHENTICATION_SASL),
                Hex.of(BackendMessage.drainOutbound(channel)));
    }

    @Test
    void protocolOptionsAreReportedAsUnrecognizedBeforeAuthentication() {
        channel = FrontendChannel.open(config);

        Feed.WHOLE.into(channel, startup("user", "alice", "_pq_.foo", "1", "database", "appdb", "_pq_.bar", "x"));

        // 'v', Int32 30, Int32 0, Int32 2, "_pq_.foo", "_pq_.bar"
        assertEquals(normalize("76 0000001e 00000000 00000002" + cstring("_pq_.foo") + cstring("_pq_.bar")
                + AUTHENTICATION_SASL), Hex.of(BackendMessage.drainOutbound(channel)));
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void anUnofferedMechanismIsRefusedEvenWhenPipelinedBehindTheStartup(Feed feed) {
        channel = FrontendChannel.open(config);

        feed.into(channel, Feed.concat(startup("user", "alice"),
                saslInitialResponse("PLAIN", "\0alice\0secret".getBytes(StandardCharsets.UTF_8))));

        List<BackendMessage> messages = BackendMessage.readAll(channel);
        assertEquals(2, messages.size(), messages::toString);
        assertEquals('R', messages.get(0).type());
        assertFatal(messages.get(1), "08P01", "\"PLAIN\"");
        assertFalse(channel.isOpen());
    }

    @Test
    void anOversizeFrameAfterStartupIsRefusedNamingMaxFrameSize() {
        channel = FrontendChannel.open(config);
        Feed.WHOLE.into(channel, startup("user", "alice"));
        BackendMessage.drainOutbound(channel);

        // 'p' claiming 2048 bytes with max_frame_size 1kB: refused on the header alone.
        Feed.WHOLE.into(channel, Hex.bytes("70 00000800"));

        List<BackendMessage> messages = BackendMessage.readAll(channel);
        assertEquals(1, messages.size(), messages::toString);
        assertFatal(messages.get(0), "08P01", "max_frame_size");
        assertFalse(channel.isOpen());
    }

    @Test
    void aQueryInsteadOfAPasswordIsAViolation() {
        channel = FrontendChannel.open(config);
        Feed.WHOLE.into(channel, startup("user", "alice"));
        BackendMessage.drainOutbound(channel);

        Feed.WHOLE.into(channel, typed('Q', Hex.bytes(cstring("select 1"))));

        List<BackendMessage> messages = BackendMessage.readAll(channel);
        assertEquals(1, messages.size(), messages::toString);
        assertFatal(messages.get(0), "08P01", "expected a password response");
        assertFalse(channel.isOpen());
    }

    @Test
    void theStartupTimeoutAlsoBoundsAuthentication() {
        MockTicker ticker = Ticker.newMockTicker();
        channel = FrontendChannel.open(FrontendChannel.context(config, new CancelRegistry()), ticker);
        Feed.WHOLE.into(channel, startup("user", "alice"));
        BackendMessage.drainOutbound(channel);

        ticker.advance(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        List<BackendMessage> messages = BackendMessage.readAll(channel);
        assertEquals(1, messages.size(), messages::toString);
        assertFatal(messages.get(0), "08P01", "startup_timeout");
        assertFalse(channel.isOpen());
    }

    @Test
    void theRightPasswordCompletesScramWithSaslFinalThenAuthenticationOk() throws Exception {
        channel = FrontendChannel.open(config);
        Feed.WHOLE.into(channel, startup("user", "alice"));
        BackendMessage.drainOutbound(channel);
        ScramClientExchange scram = new ScramClientExchange(PASSWORD);

        Feed.BYTE_BY_BYTE.into(channel, saslInitialResponse("SCRAM-SHA-256", scram.clientFirstMessage()));
        List<BackendMessage> serverFirst = BackendMessage.readAll(channel);
        assertEquals(1, serverFirst.size(), serverFirst::toString);
        assertEquals(11, serverFirst.get(0).firstInt(), "AuthenticationSASLContinue");
        byte[] clientFinal = scram.handleServerFirst(afterCode(serverFirst.get(0)));

        Feed.WHOLE.into(channel, typed('p', clientFinal));
        List<BackendMessage> messages = BackendMessage.readAll(channel);

        // What follows AuthenticationOk is the session reaching its branch (here it cannot: nothing listens).
        assertTrue(messages.size() >= 2, messages::toString);
        assertEquals('R', messages.get(0).type());
        assertEquals(12, messages.get(0).firstInt(), "AuthenticationSASLFinal");
        scram.verifyServerFinal(afterCode(messages.get(0)));
        assertEquals('R', messages.get(1).type());
        assertArrayEquals(Hex.bytes("00000000"), messages.get(1).body(), "AuthenticationOk");
    }

    @Test
    void aWrongPasswordFailsWith28P01() throws Exception {
        channel = FrontendChannel.open(config);
        Feed.WHOLE.into(channel, startup("user", "alice"));
        BackendMessage.drainOutbound(channel);
        ScramClientExchange scram = new ScramClientExchange("wrong horse");

        Feed.WHOLE.into(channel, saslInitialResponse("SCRAM-SHA-256", scram.clientFirstMessage()));
        byte[] clientFinal = scram.handleServerFirst(afterCode(BackendMessage.readAll(channel).get(0)));
        Feed.WHOLE.into(channel, typed('p', clientFinal));

        List<BackendMessage> messages = BackendMessage.readAll(channel);
        assertEquals(1, messages.size(), messages::toString);
        assertFatal(messages.get(0), "28P01", "password authentication failed for user \"alice\"");
        assertFalse(channel.isOpen());
    }

    private static byte[] afterCode(BackendMessage authentication) {
        return Arrays.copyOfRange(authentication.body(), 4, authentication.body().length);
    }

    private static void assertFatal(BackendMessage message, String sqlState, String messagePart) {
        assertEquals('E', message.type(), message::toString);
        assertEquals("FATAL", message.fields().get('V'), message::toString);
        assertEquals(sqlState, message.sqlState(), message::toString);
        assertTrue(message.message().contains(messagePart), message::toString);
    }
}
