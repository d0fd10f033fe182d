package dev.pgwake.proxy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class LeakDetectionTest {

    @Test
    void aLeakedBufferFailsTheCheckAndNamesTheLeak() {
        LeakDetection.assertNoLeaks(); // leaks from before this test are not this test's to claim
        String marker = "deliberate leak " + UUID.randomUUID();
        leakOneBuffer(marker);

        AssertionFailedError failure = assertThrows(AssertionFailedError.class, LeakDetection::assertNoLeaks);

        assertTrue(failure.getMessage().startsWith("1 ByteBuf leak(s) reported by Netty"), failure.getMessage());
        assertTrue(failure.getMessage().contains(marker), failure.getMessage());
        // The check drained the report, so this class's own afterAll check (and the rest of the suite) pass.
        assertEquals(0, LeakDetection.detectLeaks().size());
    }

    @Test
    void releasedBuffersAreNotReported() {
        LeakDetection.assertNoLeaks();
        ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(64).writeLong(42);
        buffer.touch("released properly");
        buffer.release();

        assertEquals(0, LeakDetection.detectLeaks().size());
    }

    /** In its own frame so no local variable keeps the buffer reachable. */
    private static void leakOneBuffer(String marker) {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.directBuffer(16).writeInt(7);
        leaked.touch(marker);
    }
}
