package dev.pgwake.proxy.protocol;

import static dev.pgwake.proxy.testing.Hex.bytes;
import static dev.pgwake.proxy.testing.Hex.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.testing.Feed;
import dev.pgwake.proxy.testing.Hex;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameDecoderTest {
    /** Query: 'Q', Int32 13, "select 1". */
    private static final String QUERY = "51 0000000d 73656c6563742031 00";
    /** Sync: 'S', Int32 4. */
    private static final String SYNC = "53 00000004";
    /** Terminate: 'X', Int32 4. */
    private static final String TERMINATE = "58 00000004";

    private EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void aFrameIsTheWholeMessageAndItsBodyFollowsTheHeader(Feed feed) {
        feed.into(channel, bytes(QUERY));

        Frame frame = channel.readInbound();
        try {
            assertEquals('Q', frame.type());
            assertEquals(normalize(QUERY), Hex.of(frame.content()));
            assertEquals("73656c656374203100", Hex.of(frame.body()));
        } finally {
            frame.release();
        }
        assertNull(channel.readInbound());
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void coalescedFramesComeOutOneByOneInOrder(Feed feed) {
        feed.into(channel, Feed.concat(bytes(QUERY), bytes(SYNC), bytes(QUERY), bytes(TERMINATE)));

        assertNextFrame('Q', QUERY);
        assertNextFrame('S', SYNC);
        assertNextFrame('Q', QUERY);
        assertNextFrame('X', TERMINATE);
        assertNull(channel.readInbound());
    }

    @Test
    void aFrameSplitAcrossReadsWaitsForItsLastByte() {
        byte[] both = Feed.concat(bytes(QUERY), bytes(SYNC));
        Feed.WHOLE.into(channel, Arrays.copyOf(both, 3));
        assertNull(channel.readInbound());
        Feed.WHOLE.into(channel, Arrays.copyOfRange(both, 3, 13));
        assertNull(channel.readInbound());
        Feed.WHOLE.into(channel, Arrays.copyOfRange(both, 13, 16));
        assertNextFrame('Q', QUERY);
        assertNull(channel.readInbound());
        Feed.WHOLE.into(channel, Arrays.copyOfRange(both, 16, both.length));
        assertNextFrame('S', SYNC);
    }

    @ParameterizedTest(name = "length word {0}")
    @ValueSource(strings = {"00000003", "00000000", "ffffffff", "80000000"})
    void lengthUnderFourIsAViolation(String lengthWord) {
        ProtocolException e = protocolError(() -> Feed.WHOLE.into(channel, bytes("51" + lengthWord)));

        assertEquals(SqlState.PROTOCOL_VIOLATION, e.sqlState());
        assertTrue(e.getMessage().contains("invalid message length"), e.getMessage());
        assertTrue(e.getMessage().contains("'Q'"), e.getMessage());
    }

    @Test
    void lengthOverTheMaximumIsAViolationNamingTheSetting() {
        // 'd' (CopyData) claiming 1025 bytes with a maximum of 1024: refused on the header alone.
        ProtocolException e = protocolError(() -> Feed.WHOLE.into(channel, bytes("64 00000401")));

        assertEquals(SqlState.PROTOCOL_VIOLATION, e.sqlState());
        assertTrue(e.getMessage().contains("max_frame_size"), e.getMessage());
        assertTrue(e.getMessage().contains("1025"), e.getMessage());
    }

    @Test
    void lengthExactlyAtTheMaximumIsAccepted() {
        byte[] message = new byte[1 + 1024];
        System.arraycopy(bytes("64 00000400"), 0, message, 0, 5);

        Feed.WHOLE.into(channel, message);

        Frame frame = channel.readInbound();
        try {
            assertEquals('d', frame.type());
            assertEquals(1025, frame.content().readableBytes());
            assertEquals(1020, frame.body().readableBytes());
        } finally {
            frame.release();
        }
    }

    @Test
    void unprintableTypeBytesAreEscapedInTheError() {
        ProtocolException e = protocolError(() -> Feed.WHOLE.into(channel, bytes("00 00000001")));

        assertTrue(e.getMessage().contains("'\\x00'"), e.getMessage());
    }

    @Test
    void framesBeforeABadHeaderAreDeliveredAndTheRestIsDropped() {
        assertThrows(DecoderException.class,
                () -> Feed.WHOLE.into(channel, Feed.concat(bytes(SYNC), bytes("51 00000002"), bytes(SYNC))));

        assertNextFrame('S', SYNC);
        assertNull(channel.readInbound());
    }

    private void assertNextFrame(char type, String wholeMessageHex) {
        Frame frame = assertInstanceOf(Frame.class, channel.readInbound());
        try {
            assertEquals(type, (char) frame.type());
            assertEquals(normalize(wholeMessageHex), Hex.of(frame.content()));
        } finally {
            frame.release();
        }
    }

    private static ProtocolException protocolError(Executable feeding) {
        DecoderException e = assertThrows(DecoderException.class, feeding);
        return assertInstanceOf(ProtocolException.class, e.getCause());
    }
}
