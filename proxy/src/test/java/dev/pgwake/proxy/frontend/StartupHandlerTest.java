package dev.pgwake.proxy.frontend;

import static dev.pgwake.proxy.testing.ClientPackets.cancelRequest;
import static dev.pgwake.proxy.testing.ClientPackets.gssencRequest;
import static dev.pgwake.proxy.testing.ClientPackets.sslRequest;
import static dev.pgwake.proxy.testing.ClientPackets.startup;
import static dev.pgwake.proxy.testing.Hex.cstring;
import static dev.pgwake.proxy.testing.Hex.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.cancel.CancelRegistry;
import dev.pgwake.proxy.protocol.BackendKeyData;
import dev.pgwake.proxy.testing.BackendMessage;
import dev.pgwake.proxy.testing.Feed;
import dev.pgwake.proxy.testing.Hex;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The untyped startup packets, TLS negotiation and routing, on a real pipeline; assertions on the bytes written back. */
class StartupHandlerTest {
    private static final String TLS_OFF = "tls: {mode: off}";
    private static final String TLS_ALLOW = "tls: {mode: allow}";

    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void sslRequestIsRefusedWithNWhenTlsIsOff(Feed feed) {
        channel = FrontendChannel.open(FrontendChannel.config(TLS_OFF));

        feed.into(channel, sslRequest());

        assertEquals("4e", Hex.of(BackendMessage.drainOutbound(channel)));
        assertTrue(channel.isOpen());
        assertFalse(channel.pipeline().names().contains("tls"));
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void sslRequestIsAcceptedWithSAndTlsGoesFirstWhenAllowed(Feed feed) {
        channel = FrontendChannel.open(FrontendChannel.config(TLS_ALLOW));

        feed.into(channel, sslRequest());

        assertEquals("53", Hex.of(BackendMessage.drainOutbound(channel)));
        assertTrue(channel.isOpen());
        assertInstanceOf(SslHandler.class, channel.pipeline().first());
        assertEquals("tls", channel.pipeline().names().get(0));
    }

    @Test
    void gssencRequestIsRefusedAndSslMayFollow() {
        channel = FrontendChannel.open(FrontendChannel.config(TLS_ALLOW));

        Feed.WHOLE.into(channel, gssencRequest());
        assertEquals("4e", Hex.of(BackendMessage.drainOutbound(channel)));

        Feed.WHOLE.into(channel, sslRequest());
        assertEquals("53", Hex.of(BackendMessage.drainOutbound(channel)));
        assertTrue(channel.isOpen());
    }

    @Test
    void eachNegotiationRequestIsAnsweredOnlyOnce() {
        // As PostgreSQL: one SSLRequest and one GSSENCRequest at most. Answering every repeat would let a client
        // that never reads pile up one write per 8 bytes it sends until the startup timeout.
        channel = FrontendChannel.open(FrontendChannel.config(TLS_OFF));

        Feed.WHOLE.into(channel, Feed.concat(sslRequest(), gssencRequest(), sslRequest(), sslRequest(), sslRequest()));

        byte[] written = BackendMessage.drainOutbound(channel);
        assertEquals("4e4e", Hex.of(Arrays.copyOf(written, 2)));
        List<BackendMessage> messages = BackendMessage.parseAll(tail(written, 2));
        assertEquals(1, messages.size(), messages::toString);
        assertEquals("08P01", messages.get(0).sqlState(), messages::toString);
        assertTrue(messages.get(0).message().contains("SSLRequest"), messages::toString);
        assertFalse(channel.isOpen());
    }

    @Test
    void aSecondGssencRequestIsRefused() {
        channel = FrontendChannel.open(FrontendChannel.config(TLS_OFF));

        Feed.WHOLE.into(channel, gssencRequest());
        Feed.WHOLE.into(channel, gssencRequest());

        byte[] written = BackendMessage.drainOutbound(channel);
        assertEquals("4e", Hex.of(Arrays.copyOf(written, 1)));
        assertEquals("08P01", BackendMessage.parseAll(tail(written, 1)).get(0).sqlState());
        assertFalse(channel.isOpen());
    }

    @Test
    void plaintextBufferedBehindAnSslRequestIsRefusedInsteadOfAnsweredWithS() {
        channel = FrontendChannel.open(FrontendChannel.config(TLS_ALLOW));

        Feed.WHOLE.into(channel, Feed.concat(sslRequest(), startup("user", "alice")));

        // 'E', Int32 71; S/V "FATAL", C "08P01", M "received unencrypted data after SSL request"; zero byte. No 'S'.
        String expected = "45 00000047 53" + cstring("FATAL") + "56" + cstring("FATAL") + "43" + cstring("08P01")
                + "4d" + cstring("received unencrypted data after SSL request") + "00";
        assertEquals(normalize(expected), Hex.of(BackendMessage.drainOutbound(channel)));
        assertFalse(channel.isOpen());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "00000000|08P01|length 0",
        "ffffffff|08P01|negative length",
        "00000007|08P01|length 7",
        "00002711|08P01|length 10,001",
        "00000010 00020000 7573657200 6100 00|0A000|protocol 2.0",
        "00000010 00040000 7573657200 6100 00|0A000|protocol 4.0",
        "00000010 00030000 7573657200 6100 78|08P01|no terminator",
    })
    void badStartupPacketsGetAFatalErrorAndClose(String packet, String sqlState, String why) {
        channel = FrontendChannel.open(FrontendChannel.config(TLS_OFF));

        Feed.WHOLE.into(channel, Hex.bytes(packet));

        assertFatalAndClosed(sqlState, null);
    }

    @Test
    void tlsRequiredRefusesAPlaintextStartup() {
        channel = FrontendChannel.open(FrontendChannel.config("tls: {mode: require}"));

        Feed.WHOLE.into(channel, startup("user", "alice", "database", "appdb"));

        assertFatalAndClosed("28000", "tls.mode: require");
    }

    @Test
    void tlsRequiredStillRefusesAfterAnSslRequestWasDeclinedByTheClient() {
        channel = FrontendChannel.open(FrontendChannel.config("tls: {mode: require}"));

        Feed.WHOLE.into(channel, gssencRequest());
        Feed.WHOLE.into(channel, startup("user", "alice"));

        List<BackendMessage> messages = BackendMessage.parseAll(tail(BackendMessage.drainOutbound(channel), 1));
        assertEquals("28000", messages.get(0).sqlState());
        assertFalse(channel.isOpen());
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', value = {
        "alice|appdb|branch=Bad!|3D000|invalid branch name",
        "alice|appdb@dev|branch=other|08004|conflicting branch names",
        "alice|appdb|--branch=a --branch=b|08004|conflicting branch names",
        "''|appdb|''|28000|no PostgreSQL user name specified",
    })
    void routingRejectionsAreFatalWithTheRoutersSqlState(String user, String database, String options, String sqlState,
                                                         String message) {
        channel = FrontendChannel.open(FrontendChannel.config(TLS_OFF));

        Feed.WHOLE.into(channel, startup("user", user, "database", database, "options", options));

        assertFatalAndClosed(sqlState, message);
    }

    @Test
    void missingUserParameterIsRejected() {
        channel = FrontendChannel.open(FrontendChannel.config(TLS_OFF));

        Feed.WHOLE.into(channel, startup("database", "appdb"));

        assertFatalAndClosed("28000", "no PostgreSQL user name specified");
    }

    @Test
    void startupTimeoutClosesAClientThatSendsNothing() {
        MockTicker ticker = Ticker.newMockTicker();
        channel = FrontendChannel.open(FrontendChannel.context(
                FrontendChannel.config(TLS_OFF + "\nstartup_timeout: 1s"), new CancelRegistry()), ticker);

        ticker.advance(999, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals(0, BackendMessage.drainOutbound(channel).length);
        assertTrue(channel.isOpen());

        ticker.advance(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertFatalAndClosed("08P01", "startup_timeout");
    }

    @Test
    void cancelRequestWithAnUnknownKeyClosesSilently() {
        CancelRegistry cancels = new CancelRegistry();
        channel = FrontendChannel.open(FrontendChannel.context(FrontendChannel.config(TLS_OFF), cancels),
                Ticker.systemTicker());

        Feed.WHOLE.into(channel, cancelRequest(12345, 0xdeadbeef));

        assertEquals(0, BackendMessage.drainOutbound(channel).length);
        assertFalse(channel.isOpen());
    }

    @Test
    void cancelRequestWithAKnownKeyReachesThatClientOnly() {
        CancelRegistry cancels = new CancelRegistry();
        AtomicInteger cancelled = new AtomicInteger();
        BackendKeyData key = cancels.register(cancelled::incrementAndGet);
        channel = FrontendChannel.open(FrontendChannel.context(FrontendChannel.config(TLS_OFF), cancels),
                Ticker.systemTicker());

        Feed.BYTE_BY_BYTE.into(channel, cancelRequest(key.processId(), key.secretKey() ^ 1));
        assertEquals(0, cancelled.get(), "a wrong secret must not cancel");
        assertFalse(channel.isOpen());

        channel.finishAndReleaseAll();
        channel = FrontendChannel.open(FrontendChannel.context(FrontendChannel.config(TLS_OFF), cancels),
                Ticker.systemTicker());
        Feed.BYTE_BY_BYTE.into(channel, cancelRequest(key.processId(), key.secretKey()));

        assertEquals(1, cancelled.get());
        assertEquals(0, BackendMessage.drainOutbound(channel).length);
        assertFalse(channel.isOpen());
    }

    private void assertFatalAndClosed(String sqlState, String messagePart) {
        List<BackendMessage> messages = BackendMessage.readAll(channel);
        assertEquals(1, messages.size(), messages::toString);
        BackendMessage error = messages.get(0);
        assertEquals('E', error.type(), messages::toString);
        assertEquals("FATAL", error.fields().get('S'));
        assertEquals("FATAL", error.fields().get('V'));
        assertEquals(sqlState, error.sqlState(), error::toString);
        if (messagePart != null) {
            assertTrue(error.message().contains(messagePart), error::toString);
        }
        assertFalse(channel.isOpen(), "the connection must be closed after a FATAL error");
    }

    /** The bytes after the first {@code skip} (single-byte answers to SSLRequest or GSSENCRequest). */
    private static byte[] tail(byte[] bytes, int skip) {
        return Arrays.copyOfRange(bytes, skip, bytes.length);
    }
}
