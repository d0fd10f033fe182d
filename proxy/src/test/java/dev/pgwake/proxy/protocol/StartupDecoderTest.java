package dev.pgwake.proxy.protocol;

import static dev.pgwake.proxy.testing.Hex.bytes;
import static dev.pgwake.proxy.testing.Hex.cstring;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.testing.Feed;
import dev.pgwake.proxy.testing.Hex;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StartupDecoderTest {
    /** SSLRequest: Int32 8, Int32 80877103 (1234 << 16 | 5679). */
    static final String SSL_REQUEST = "00000008 04d2162f";
    /** GSSENCRequest: Int32 8, Int32 80877104 (1234 << 16 | 5680). */
    static final String GSSENC_REQUEST = "00000008 04d21630";
    /** StartupMessage 3.0 (196608): four parameters, in an order neither sorted nor hash-like. */
    static final String STARTUP = "0000004e 00030000" + cstring("user") + cstring("alice") + cstring("database")
            + cstring("appdb") + cstring("application_name") + cstring("psql") + cstring("client_encoding")
            + cstring("UTF8") + "00";

    private EmbeddedChannel channel = new EmbeddedChannel(new StartupDecoder(false));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void startupMessageKeepsParametersInClientOrder(Feed feed) {
        feed.into(channel, bytes(STARTUP));

        StartupMessage startup = assertInstanceOf(StartupMessage.class, channel.readInbound());
        assertEquals(0x0003_0000, startup.protocolVersion());
        assertEquals(List.of(Map.entry("user", "alice"), Map.entry("database", "appdb"),
                Map.entry("application_name", "psql"), Map.entry("client_encoding", "UTF8")),
                new ArrayList<>(startup.parameters().entrySet()));
        assertNull(channel.readInbound());
    }

    @Test
    void nothingIsDecodedBeforeTheLastByte() {
        byte[] packet = bytes(STARTUP);
        Feed.BYTE_BY_BYTE.into(channel, Arrays.copyOf(packet, packet.length - 1));
        assertNull(channel.readInbound());

        Feed.WHOLE.into(channel, new byte[] {0});
        assertInstanceOf(StartupMessage.class, channel.readInbound());
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void requestsAreRecognisedByTheirCodes(Feed feed) {
        feed.into(channel, bytes(SSL_REQUEST));
        assertSame(SSLRequest.INSTANCE, channel.readInbound());

        feed.into(channel, bytes(GSSENC_REQUEST));
        assertSame(GSSENCRequest.INSTANCE, channel.readInbound());

        // CancelRequest: Int32 16, Int32 80877102 (1234 << 16 | 5678), process id 12345, secret 0xdeadbeef
        feed.into(channel, bytes("00000010 04d2162e 00003039 deadbeef"));
        assertEquals(new CancelRequest(12345, 0xdeadbeef), channel.readInbound());
        assertNull(channel.readInbound());
    }

    @Test
    void coalescedPacketsComeOutInOrder() {
        Feed.WHOLE.into(channel, Feed.concat(bytes(GSSENC_REQUEST), bytes(SSL_REQUEST), bytes(STARTUP)));

        assertSame(GSSENCRequest.INSTANCE, channel.readInbound());
        assertSame(SSLRequest.INSTANCE, channel.readInbound());
        assertInstanceOf(StartupMessage.class, channel.readInbound());
        assertNull(channel.readInbound());
    }

    @ParameterizedTest(name = "length word {0}")
    @ValueSource(strings = {"00000000", "ffffffff", "80000000", "00000007", "00002711"})
    void lengthsOutsideEightToTenThousandAreRejectedAsSoonAsTheLengthIsKnown(String lengthWord) {
        // Only the length word arrives: a 10,001-byte claim must not make the decoder wait for (or buffer) it.
        ProtocolException e = protocolError(() -> Feed.WHOLE.into(channel, bytes(lengthWord)));

        assertEquals(SqlState.PROTOCOL_VIOLATION, e.sqlState());
        assertTrue(e.getMessage().startsWith("invalid length of startup packet"), e.getMessage());
    }

    @Test
    void tenThousandBytesIsTheLargestStartupPacket() {
        Feed.WHOLE.into(channel, startupOfLength(10_000));
        StartupMessage startup = assertInstanceOf(StartupMessage.class, channel.readInbound());
        assertEquals(9_977, startup.parameters().get("x").length());

        ProtocolException e = protocolError(() -> Feed.WHOLE.into(channel, startupOfLength(10_001)));
        assertEquals(SqlState.PROTOCOL_VIOLATION, e.sqlState());
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(strings = {"00020000", "00040000", "00010000", "00000000"})
    void majorVersionsOtherThanThreeAreNotSupported(String version) {
        ProtocolException e = protocolError(() ->
                Feed.WHOLE.into(channel, packet(version + cstring("user") + cstring("al") + "00")));

        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, e.sqlState());
        assertTrue(e.getMessage().contains("unsupported frontend protocol"), e.getMessage());
    }

    @Test
    void minorVersionAboveZeroIsPassedOnForNegotiation() {
        Feed.WHOLE.into(channel, packet("00030002" + cstring("user") + cstring("al") + "00"));

        StartupMessage startup = assertInstanceOf(StartupMessage.class, channel.readInbound());
        assertEquals(0x0003_0002, startup.protocolVersion());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "00030000 7573657200 616c00|no final terminator",
        "00030000 7573657200 616c6963|last string not terminated",
        "00030000|no parameters and no terminator",
        "00030000 7573657200 00|name without value, then the end",
        "00030000 7573657200 616c00 00 78|bytes after the terminator",
        "00030000 7573657200 6100 7573657200 6200 00|user named twice",
    })
    void malformedParameterListsAreProtocolViolations(String afterLength, String why) {
        ProtocolException e = protocolError(() -> Feed.WHOLE.into(channel, packet(afterLength)));

        assertEquals(SqlState.PROTOCOL_VIOLATION, e.sqlState(), why);
    }

    @Test
    void duplicateParameterNameIsNamedInTheError() {
        ProtocolException e = protocolError(() -> Feed.WHOLE.into(channel,
                packet("00030000" + cstring("user") + cstring("a") + cstring("user") + cstring("b") + "00")));

        assertTrue(e.getMessage().contains("\"user\" twice"), e.getMessage());
    }

    @Test
    void plaintextBufferedBehindAnAcceptedSslRequestIsAViolation() {
        channel = new EmbeddedChannel(new StartupDecoder(true));

        ProtocolException e = protocolError(() ->
                Feed.WHOLE.into(channel, Feed.concat(bytes(SSL_REQUEST), bytes(STARTUP))));

        assertEquals(SqlState.PROTOCOL_VIOLATION, e.sqlState());
        assertEquals("received unencrypted data after SSL request", e.getMessage());
        assertNull(channel.readInbound());
    }

    @Test
    void evenOneBufferedByteBehindAnAcceptedSslRequestIsAViolation() {
        channel = new EmbeddedChannel(new StartupDecoder(true));

        protocolError(() -> Feed.WHOLE.into(channel, Feed.concat(bytes(SSL_REQUEST), new byte[] {0x16})));
        assertNull(channel.readInbound());
    }

    @Test
    void sslRequestAloneIsFineWhenTlsIsOffered() {
        channel = new EmbeddedChannel(new StartupDecoder(true));

        Feed.BYTE_BY_BYTE.into(channel, bytes(SSL_REQUEST));
        assertSame(SSLRequest.INSTANCE, channel.readInbound());
    }

    @Test
    void plaintextBehindARefusedSslRequestIsTheStartup() {
        Feed.WHOLE.into(channel, Feed.concat(bytes(SSL_REQUEST), bytes(STARTUP)));

        assertSame(SSLRequest.INSTANCE, channel.readInbound());
        assertInstanceOf(StartupMessage.class, channel.readInbound());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "00000008 04d2162e|CancelRequest of length 8",
        "00000014 04d2162e 00003039 deadbeef 00000000|CancelRequest of length 20",
        "0000000c 04d2162f 00000000|SSLRequest of length 12",
        "0000000c 04d21630 00000000|GSSENCRequest of length 12",
    })
    void requestsWithTheWrongLengthAreViolations(String packet, String why) {
        ProtocolException e = protocolError(() -> Feed.WHOLE.into(channel, bytes(packet)));

        assertEquals(SqlState.PROTOCOL_VIOLATION, e.sqlState(), why);
        assertTrue(e.getMessage().startsWith("invalid length of"), e.getMessage());
    }

    private static ProtocolException protocolError(Executable feeding) {
        DecoderException e = assertThrows(DecoderException.class, feeding);
        return assertInstanceOf(ProtocolException.class, e.getCause());
    }

    /** A 3.0 StartupMessage of exactly {@code length} bytes: user "alice" and a parameter "x" padded to fit. */
    private static byte[] startupOfLength(int length) {
        String head = cstring("user") + cstring("alice") + cstring("x");
        int padding = length - 8 - head.length() / 2 - 2;
        String value = Hex.of("y".repeat(padding).getBytes(StandardCharsets.US_ASCII));
        byte[] packet = packet("00030000" + head + value + "00" + "00");
        assertEquals(length, packet.length);
        return packet;
    }

    /** A startup packet: the Int32 length word (counting itself) computed, then the given bytes. */
    static byte[] packet(String hexAfterLength) {
        byte[] rest = bytes(hexAfterLength);
        return Feed.concat(bytes(String.format("%08x", rest.length + 4)), rest);
    }
}
