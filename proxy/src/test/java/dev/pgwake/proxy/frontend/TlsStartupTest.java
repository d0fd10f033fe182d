package dev.pgwake.proxy.frontend;

import static dev.pgwake.proxy.testing.ClientPackets.sslRequest;
import static dev.pgwake.proxy.testing.ClientPackets.startup;
import static dev.pgwake.proxy.testing.Hex.cstring;
import static dev.pgwake.proxy.testing.Hex.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pgwake.proxy.auth.ScramSecret;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.testing.BackendMessage;
import dev.pgwake.proxy.testing.Hex;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS during startup, with a real TLS client on a second {@link EmbeddedChannel}: the bytes each side writes are
 * carried to the other until both are quiet. SCRAM authentication stops every exchange at AuthenticationSASL.
 */
class TlsStartupTest {
    private static final String AUTHENTICATION_SASL = "52 00000017 0000000a" + cstring("SCRAM-SHA-256") + "00";

    @TempDir
    Path dir;
    private EmbeddedChannel server;
    private EmbeddedChannel client;

    @AfterEach
    void close() {
        if (client != null) {
            client.finishAndReleaseAll();
        }
        if (server != null) {
            server.finishAndReleaseAll();
        }
    }

    @Test
    void aStartupSentInsideTlsAfterSslRequestIsServed() throws Exception {
        openServer("tls: {mode: require}");
        startTlsAfterSslRequest(Optional.empty());

        sendEncrypted(startup("user", "alice", "database", "appdb"));

        assertEquals(normalize(AUTHENTICATION_SASL), Hex.of(decrypted()));
        assertTrue(server.isOpen());
    }

    @Test
    void theTlsServerNameNamesTheBranch() throws Exception {
        openServer("tls: {mode: allow}\nrouting: {sni_suffix: db.example.com}");
        startTlsAfterSslRequest(Optional.of("feature-x.db.example.com"));

        // options name another branch than the server name: the router must have seen the server name
        sendEncrypted(startup("user", "alice", "options", "branch=other"));

        List<BackendMessage> messages = BackendMessage.parseAll(decrypted());
        assertEquals(1, messages.size(), messages::toString);
        assertEquals("08004", messages.get(0).sqlState(), messages::toString);
        assertTrue(messages.get(0).message().contains("\"feature-x\""), messages::toString);
        assertFalse(server.isOpen());
    }

    @Test
    void anSslRequestInsideTlsIsAViolation() throws Exception {
        openServer("tls: {mode: allow}");
        startTlsAfterSslRequest(Optional.empty());

        sendEncrypted(sslRequest());

        List<BackendMessage> messages = BackendMessage.parseAll(decrypted());
        assertEquals(1, messages.size(), messages::toString);
        assertEquals("08P01", messages.get(0).sqlState(), messages::toString);
        assertFalse(server.isOpen());
    }

    @Test
    void directTlsWithAlpnPostgresqlIsServed() throws Exception {
        openServer("tls: {mode: require}");
        client = new EmbeddedChannel(clientTls(Optional.empty(), true));
        shuttle();
        assertTrue(((SslHandler) client.pipeline().first()).handshakeFuture().isSuccess(), "handshake");

        sendEncrypted(startup("user", "alice"));

        assertEquals(normalize(AUTHENTICATION_SASL), Hex.of(decrypted()));
        assertFalse(server.pipeline().names().contains("direct-tls"));
    }

    @Test
    void directTlsWithoutAlpnIsClosedAfterTheHandshake() throws Exception {
        openServer("tls: {mode: allow}");
        client = new EmbeddedChannel(clientTls(Optional.empty(), false));

        shuttle();

        assertTrue(((SslHandler) client.pipeline().first()).handshakeFuture().isSuccess(), "handshake");
        assertFalse(server.isOpen(), "PostgreSQL 17 requires ALPN \"postgresql\" with direct TLS, so does pgwake");
    }

    private void openServer(String tlsYaml) throws IOException {
        Path users = dir.resolve("userlist.txt");
        Files.writeString(users, "\"alice\" \"" + ScramSecret.generate("pw").encode() + "\"\n");
        ProxyConfig config = FrontendChannel.config(tlsYaml + "\nauth: {method: scram-sha-256, users_file: '" + users + "'}\n");
        server = FrontendChannel.open(config);
    }

    /** SSLRequest in plaintext, 'S' back, then the TLS handshake. */
    private void startTlsAfterSslRequest(Optional<String> serverName) throws SSLException {
        client = new EmbeddedChannel();
        server.writeInbound(ByteBufAllocator.DEFAULT.buffer().writeBytes(sslRequest()));
        assertEquals("53", Hex.of(BackendMessage.drainOutbound(server)));
        client.pipeline().addFirst(clientTls(serverName, false));
        shuttle();
        assertTrue(((SslHandler) client.pipeline().first()).handshakeFuture().isSuccess(), "handshake");
    }

    private SslHandler clientTls(Optional<String> serverName, boolean alpn) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
                .endpointIdentificationAlgorithm(null);
        serverName.ifPresent(name -> builder.serverName(new SNIHostName(name)));
        if (alpn) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, "postgresql"));
        }
        return builder.build().newHandler(ByteBufAllocator.DEFAULT);
    }

    private void sendEncrypted(byte[] plaintext) {
        client.writeOutbound(ByteBufAllocator.DEFAULT.buffer().writeBytes(plaintext));
        shuttle();
    }

    /** Carries bytes both ways until neither side has anything more to send; bounded, so a loop fails the test. */
    private void shuttle() {
        for (int round = 0; round < 100; round++) {
            boolean moved = carry(client, server) | carry(server, client);
            if (!moved) {
                return;
            }
        }
        fail("the TLS exchange did not settle in 100 rounds");
    }

    private static boolean carry(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        Object message;
        while ((message = from.readOutbound()) != null) {
            moved = true;
            if (to.isOpen()) {
                to.writeInbound(message);
            } else {
                ((ByteBuf) message).release();
            }
        }
        return moved;
    }

    /** The plaintext the client's TLS handler has decrypted so far. */
    private byte[] decrypted() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        Object message;
        while ((message = client.readInbound()) != null) {
            ByteBuf buf = (ByteBuf) message;
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            buf.release();
            all.writeBytes(bytes);
        }
        return all.toByteArray();
    }
}
