package dev.pgwake.proxy.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.proxy.config.ServerConfig;
import dev.pgwake.proxy.config.ServerTlsMode;
import dev.pgwake.proxy.protocol.FrameDecoder;
import dev.pgwake.proxy.protocol.StartupMessage;
import dev.pgwake.proxy.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Promise;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SSLRequest pgwake sends a server before its login, and what each answer leads to, byte-exact. */
class ServerTlsNegotiatorTest {
    private static final Endpoint SERVER = new Endpoint("127.0.0.1", 5432);
    private static final String SSL_REQUEST = "0000000804d2162f"; // length 8, (1234 << 16) | 5679

    private EmbeddedChannel channel;
    private Promise<ServerConnection> login;

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    private void open(ServerTlsMode mode) {
        ServerTls tls = ServerTls.of(new ServerConfig(null, null, null, null, mode, null, null, null));
        channel = new EmbeddedChannel();
        login = channel.eventLoop().newPromise();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("user", "app");
        parameters.put("database", "app");
        channel.pipeline().addLast(new ServerTlsNegotiator(tls, SERVER),
                new FrameDecoder(Wire.MAX_POSTGRES_MESSAGE_LENGTH),
                new ServerLoginHandler(login, SERVER, new StartupMessage(Wire.PROTOCOL_3_0, parameters), Optional.empty(),
                        true));
        channel.pipeline().fireChannelActive();
    }

    private String sent() {
        ByteBuf out = channel.readOutbound();
        try {
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    @Test
    void preferSendsTheStartupMessageInPlaintextWhenTheServerSaysN() {
        open(ServerTlsMode.PREFER);
        assertEquals(SSL_REQUEST, sent(), "only the SSLRequest before the answer");
        assertNull(channel.readOutbound());

        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'N'}));

        String startup = sent();
        assertTrue(startup.startsWith("00030000", 8), "a StartupMessage, protocol 3.0: " + startup);
        assertNull(channel.pipeline().get(ServerTlsNegotiator.class), "the negotiator is gone");
        assertFalse(login.isDone());
    }

    @Test
    void requireFailsTheLoginWith08001WhenTheServerSaysN() {
        open(ServerTlsMode.REQUIRE);
        sent();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'N'}));

        ServerLoginException e = assertInstanceOf(ServerLoginException.class, login.cause());
        assertEquals("08001", e.sqlState());
        assertTrue(e.getMessage().contains("does not accept TLS"), e.getMessage());
        assertFalse(channel.isOpen());
        assertNull(channel.readOutbound(), "no StartupMessage in plaintext");
    }

    @Test
    void anSAcceptsTlsAndTheHandshakeBeginsBeforeAnyStartupMessage() {
        open(ServerTlsMode.REQUIRE);
        sent();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'S'}));

        assertNotNull(channel.pipeline().get(SslHandler.class), "a TLS client handler");
        assertEquals(SslHandler.class, channel.pipeline().first().getClass(), "first in the pipeline");
        String hello = sent();
        assertTrue(hello.startsWith("16030"), "a TLS handshake record (ClientHello), not a StartupMessage: " + hello);
        assertFalse(login.isDone());
    }

    @Test
    void bytesAfterTheSAreAProtocolViolation() {
        open(ServerTlsMode.PREFER);
        sent();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'S', 'R', 0, 0, 0, 8, 0, 0, 0, 0}));

        ServerLoginException e = assertInstanceOf(ServerLoginException.class, login.cause());
        assertEquals("08P01", e.sqlState());
        assertNull(channel.pipeline().get(SslHandler.class));
        assertFalse(channel.isOpen());
    }

    @Test
    void anyOtherAnswerIsAProtocolViolation() {
        open(ServerTlsMode.PREFER);
        sent();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'E'}));

        ServerLoginException e = assertInstanceOf(ServerLoginException.class, login.cause());
        assertEquals("08P01", e.sqlState());
        assertTrue(e.getMessage().contains("neither 'S' nor 'N'"), e.getMessage());
    }
}
