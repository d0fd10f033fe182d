package dev.pgwake.proxy.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.protocol.Frame;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HeldFrames}: nothing held until the first frame, then in order, bounded, and released on close. */
class HeldFramesTest {
    private final EmbeddedChannel client = new EmbeddedChannel();

    private static Frame query(int bodyLength) {
        return new Frame((byte) 'Q', Unpooled.buffer().writeByte('Q').writeInt(4 + bodyLength).writeZero(bodyLength));
    }

    @Test
    void aSessionThatNeverHeldAFrameDrainsAndReleasesNothing() {
        HeldFrames held = new HeldFrames(100);
        List<Frame> drained = new ArrayList<>();

        assertTrue(held.isEmpty());
        held.drainTo(drained::add, client);
        held.releaseAll();

        assertTrue(drained.isEmpty());
        assertTrue(client.config().isAutoRead());
    }

    @Test
    void framesAreHandedOnInOrderAndReadingStopsPastTheLimitUntilThen() {
        HeldFrames held = new HeldFrames(100);
        Frame first = query(60);
        Frame second = query(60);
        List<Frame> drained = new ArrayList<>();

        held.add(first, client);
        assertTrue(client.config().isAutoRead(), "under the limit");
        held.add(second, client);
        assertFalse(client.config().isAutoRead(), "past the limit");
        held.drainTo(drained::add, client);

        assertEquals(List.of(first, second), drained);
        assertTrue(held.isEmpty());
        assertTrue(client.config().isAutoRead());
        drained.forEach(Frame::release);
        held.add(query(1), client);
        assertFalse(held.isEmpty(), "holds again after a drain");
        held.releaseAll();
    }

    @Test
    void releaseAllReleasesEveryHeldFrame() {
        HeldFrames held = new HeldFrames(100);
        Frame frame = query(10);

        held.add(frame, client);
        held.releaseAll();

        assertEquals(0, frame.refCnt());
        assertTrue(held.isEmpty());
    }
}
