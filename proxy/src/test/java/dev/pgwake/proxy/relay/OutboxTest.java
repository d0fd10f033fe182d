package dev.pgwake.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.testing.ClientPackets;
import dev.pgwake.proxy.testing.Feed;
import dev.pgwake.proxy.testing.Hex;
import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Outbox}: what reaches the channel (each write as the pipeline sees it, before and after flush) and who
 * holds which reference. Messages are retained slices of a read buffer, made as {@code FrameDecoder} makes them
 * ({@code readRetainedSlice}).
 */
class OutboxTest {
    private static final int WRITE_AT = 64 * 1024;

    /** Every write that passes the pipeline, in hex, and how many flushes. */
    private static final class WriteRecorder extends ChannelOutboundHandlerAdapter {
        final List<String> writes = new ArrayList<>();
        int flushes;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            writes.add(Hex.of((ByteBuf) msg));
            ctx.write(msg, promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            ctx.flush();
        }
    }

    /**
     * Where a read buffer comes from. Netty's leak tracking (paranoid in tests, one buffer in 128 in production)
     * wraps each slice in its own tracker, whose {@code unwrap()} is that slice and not the read buffer; so, as
     * for an untracked read buffer in production, slices here are made of the buffer under the tracker, which
     * is released (through the tracker) last.
     */
    enum ReadBuffer {
        /** Netty 4.2's default allocator, which the proxy's channels read into. */
        ADAPTIVE(new AdaptiveByteBufAllocator()),
        POOLED(new PooledByteBufAllocator(true)),
        UNPOOLED(new UnpooledByteBufAllocator(true));

        private final ByteBufAllocator allocator;

        ReadBuffer(ByteBufAllocator allocator) {
            this.allocator = allocator;
        }

        /** A tracked direct buffer holding {@code bytes}. */
        ByteBuf holding(byte[] bytes) {
            return allocator.directBuffer(bytes.length).writeBytes(bytes);
        }
    }

    private final WriteRecorder recorder = new WriteRecorder();
    private final EmbeddedChannel channel = new EmbeddedChannel(recorder);
    private final Outbox outbox = new Outbox(channel, channel.voidPromise());
    private final List<ByteBuf> readBuffers = new ArrayList<>();

    @AfterEach
    void releaseEverything() {
        outbox.discard();
        channel.finishAndReleaseAll();
        for (ByteBuf tracked : readBuffers) {
            if (tracked.refCnt() > 0) {
                tracked.release(tracked.refCnt());
            }
        }
    }

    private static byte[] query(String sql) {
        return ClientPackets.typed('Q', (sql + "\0").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] message(char type, int totalLength) {
        byte[] body = new byte[totalLength - 5];
        Arrays.fill(body, (byte) type);
        return ClientPackets.typed(type, body);
    }

    /** A read buffer holding {@code messages} back to back; returns the buffer under the leak tracker. */
    private ByteBuf read(ReadBuffer kind, byte[]... messages) {
        ByteBuf tracked = kind.holding(Feed.concat(messages));
        readBuffers.add(tracked);
        ByteBuf under = tracked.unwrap();
        assertTrue(under.hasMemoryAddress(), "direct buffers with a memory address are what the Outbox gathers");
        return under;
    }

    /** The next message of a read buffer, as FrameDecoder makes it. */
    private static ByteBuf next(ByteBuf readBuffer, byte[] message) {
        return readBuffer.readRetainedSlice(message.length);
    }

    /** What the channel was sent, as written: one hex string per outbound message; releases them. */
    private List<String> outbound() {
        List<String> messages = new ArrayList<>();
        ByteBuf message;
        while ((message = channel.readOutbound()) != null) {
            messages.add(Hex.consume(message));
        }
        return messages;
    }

    @ParameterizedTest
    @EnumSource(ReadBuffer.class)
    void adjacentSlicesOfOneBufferLeaveAsOneWriteOfOneSliceOfIt(ReadBuffer kind) {
        byte[] first = query("select 1");
        byte[] second = ClientPackets.typed('S', new byte[0]);
        byte[] third = query("select 2");
        ByteBuf readBuffer = read(kind, first, second, third);

        outbox.add(next(readBuffer, first));
        outbox.add(next(readBuffer, second));
        outbox.add(next(readBuffer, third));
        assertEquals(List.of(), recorder.writes, "nothing is written before the run ends");
        outbox.flush();

        assertEquals(List.of(Hex.of(Feed.concat(first, second, third))), recorder.writes);
        assertEquals(1, recorder.flushes);
        ByteBuf written = channel.readOutbound();
        try {
            assertSame(readBuffer, written.unwrap(), "a slice of the read buffer, not a copy");
            assertEquals(Hex.of(Feed.concat(first, second, third)), Hex.of(written));
        } finally {
            written.release();
        }
        assertNull(channel.readOutbound());
        assertEquals(1, readBuffer.refCnt(), "only the test's own reference to the read buffer is left");
    }

    @ParameterizedTest
    @EnumSource(ReadBuffer.class)
    void aRunMadeOfTheFirstMessageAloneIsWrittenAsThatMessage(ReadBuffer kind) {
        byte[] only = query("select 1");
        ByteBuf readBuffer = read(kind, only, query("unused"));
        ByteBuf message = next(readBuffer, only);

        outbox.add(message);
        outbox.flush();

        ByteBuf written = channel.readOutbound();
        assertSame(message, written);
        assertEquals(Hex.of(only), Hex.consume(written));
        assertEquals(1, readBuffer.refCnt());
    }

    @ParameterizedTest
    @EnumSource(ReadBuffer.class)
    void messagesOfTwoBuffersInterleavedKeepTheirOrder(ReadBuffer kind) {
        byte[] a1 = query("a1");
        byte[] a2 = query("a2");
        byte[] b1 = query("b1");
        byte[] b2 = query("b2");
        ByteBuf a = read(kind, a1, a2);
        ByteBuf b = read(kind, b1, b2);

        outbox.add(next(a, a1));
        outbox.add(next(b, b1));
        outbox.add(next(a, a2)); // adjacent to a1 in memory, but b1 came between them
        outbox.add(next(b, b2));
        outbox.flush();

        assertEquals(List.of(Hex.of(a1), Hex.of(b1), Hex.of(a2), Hex.of(b2)), recorder.writes);
        assertEquals(recorder.writes, outbound());
        assertEquals(1, a.refCnt());
        assertEquals(1, b.refCnt());
    }

    @ParameterizedTest
    @EnumSource(ReadBuffer.class)
    void aMessageLeftOutBreaksTheRun(ReadBuffer kind) {
        byte[] first = query("first");
        byte[] skipped = query("skipped");
        byte[] third = query("third");
        byte[] fourth = query("fourth");
        ByteBuf readBuffer = read(kind, first, skipped, third, fourth);

        outbox.add(next(readBuffer, first));
        next(readBuffer, skipped).release(); // swallowed by the relay
        outbox.add(next(readBuffer, third));
        outbox.add(next(readBuffer, fourth));
        outbox.flush();

        assertEquals(List.of(Hex.of(first), Hex.of(Feed.concat(third, fourth))), recorder.writes);
        assertEquals(recorder.writes, outbound());
        assertEquals(1, readBuffer.refCnt());
    }

    @ParameterizedTest
    @EnumSource(ReadBuffer.class)
    void aMessageBeforeTheRunInMemoryDoesNotContinueIt(ReadBuffer kind) {
        byte[] first = query("first");
        byte[] second = query("second");
        ByteBuf readBuffer = read(kind, first, second);
        ByteBuf earlier = next(readBuffer, first);
        ByteBuf later = next(readBuffer, second);

        outbox.add(later);
        outbox.add(earlier);
        outbox.flush();

        assertEquals(List.of(Hex.of(second), Hex.of(first)), recorder.writes);
        assertEquals(recorder.writes, outbound());
        assertEquals(1, readBuffer.refCnt());
    }

    @Test
    void heapMessagesAreWrittenOneByOneInOrder() {
        byte[] first = query("one");
        byte[] second = query("two");
        ByteBuf readBuffer = Unpooled.buffer().writeBytes(Feed.concat(first, second));
        readBuffers.add(readBuffer);

        outbox.add(next(readBuffer, first));
        outbox.add(next(readBuffer, second));
        outbox.add(Unpooled.wrappedBuffer(query("three")));
        outbox.flush();

        assertEquals(List.of(Hex.of(first), Hex.of(second), Hex.of(query("three"))), outbound());
        assertEquals(1, readBuffer.refCnt());
    }

    /**
     * Under leak tracking every slice is a tracker of its own, so the Outbox cannot tell they share a read
     * buffer: they are not gathered, but still leave whole, in order, and released.
     */
    @Test
    void leakTrackedSlicesLeaveInOrderAndAreReleased() {
        byte[] first = query("select 1");
        byte[] second = ClientPackets.typed('S', new byte[0]);
        ByteBuf tracked = ByteBufAllocator.DEFAULT.directBuffer().writeBytes(Feed.concat(first, second));
        readBuffers.add(tracked);

        outbox.add(tracked.readRetainedSlice(first.length));
        outbox.add(tracked.readRetainedSlice(second.length));
        outbox.flush();

        assertEquals(Hex.of(Feed.concat(first, second)), String.join("", outbound()));
        assertEquals(1, tracked.refCnt());
    }

    @ParameterizedTest
    @EnumSource(ReadBuffer.class)
    void aRunReachingSixtyFourKibibytesIsWrittenWithoutWaitingForTheFlush(ReadBuffer kind) {
        int messageLength = 8 * 1024;
        int inRun = WRITE_AT / messageLength; // 8 messages: the last one brings the run to 65,536 bytes
        byte[][] messages = new byte[inRun + 2][];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = message((char) ('a' + i), messageLength);
        }
        ByteBuf readBuffer = read(kind, messages);

        for (int i = 0; i < inRun - 1; i++) {
            outbox.add(next(readBuffer, messages[i]));
        }
        assertEquals(0, recorder.writes.size(), "65,535 bytes or fewer wait for more");
        outbox.add(next(readBuffer, messages[inRun - 1]));

        assertEquals(List.of(Hex.of(Feed.concat(Arrays.copyOf(messages, inRun)))), recorder.writes);
        assertEquals(0, recorder.flushes);
        outbox.add(next(readBuffer, messages[inRun]));
        outbox.add(next(readBuffer, messages[inRun + 1]));
        outbox.flush();

        assertEquals(List.of(Hex.of(Feed.concat(Arrays.copyOf(messages, inRun))),
                Hex.of(Feed.concat(messages[inRun], messages[inRun + 1]))), recorder.writes);
        assertEquals(recorder.writes, outbound());
        assertEquals(1, readBuffer.refCnt());
    }

    @ParameterizedTest
    @EnumSource(ReadBuffer.class)
    void writeWithoutFlushLeavesTheRunInTheChannelUnflushed(ReadBuffer kind) {
        byte[] first = query("first");
        byte[] second = query("second");
        ByteBuf readBuffer = read(kind, first, second);
        outbox.add(next(readBuffer, first));
        outbox.add(next(readBuffer, second));

        outbox.write();

        assertEquals(List.of(Hex.of(Feed.concat(first, second))), recorder.writes);
        assertEquals(0, recorder.flushes);
        assertNull(channel.readOutbound(), "written, not flushed");
        outbox.flush();
        assertEquals(List.of(Hex.of(Feed.concat(first, second))), outbound());
        assertEquals(1, recorder.writes.size(), "the flush wrote nothing more");
        assertEquals(1, readBuffer.refCnt());
    }

    @ParameterizedTest
    @EnumSource(ReadBuffer.class)
    void discardReleasesTheGatheredRunAndWritesNothing(ReadBuffer kind) {
        byte[] first = query("first");
        byte[] second = query("second");
        ByteBuf readBuffer = read(kind, first, second);
        outbox.add(next(readBuffer, first));
        outbox.add(next(readBuffer, second));
        assertEquals(2, readBuffer.refCnt(), "the run holds one reference, to its first message");

        outbox.discard();
        outbox.flush();

        assertEquals(List.of(), recorder.writes);
        assertNull(channel.readOutbound());
        assertEquals(1, readBuffer.refCnt());
        outbox.discard(); // twice is harmless
        assertEquals(1, readBuffer.refCnt());
    }

    @Test
    void flushOfAnEmptyOutboxOnlyFlushes() {
        outbox.flush();

        assertEquals(List.of(), recorder.writes);
        assertEquals(1, recorder.flushes);
    }
}
