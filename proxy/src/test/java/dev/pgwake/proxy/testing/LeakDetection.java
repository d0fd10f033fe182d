package dev.pgwake.proxy.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Fails a test class when Netty reports a ByteBuf leak. Registered for every proxy test through JUnit's
 * extension autodetection ({@code junit-platform.properties} and {@code META-INF/services}); a class may also
 * use {@code @ExtendWith(LeakDetection.class)}.
 *
 * <p>Netty finds a leak only when a leaked buffer has been garbage collected and a later allocation polls
 * the detector's reference queue. So after all tests of a class this collects garbage and allocates a few
 * buffers, three times, then fails the class with every leak record reported since the previous check
 * (records name where the buffer was created and last touched). One check per class keeps the cost at
 * about a tenth of a second per class. Leaks of buffers still reachable at that point (a test's static
 * field, a channel never closed) surface in a later class's check, still failing the build.
 *
 * <p>Detection needs a leak detection level above {@code disabled}; surefire runs with {@code paranoid},
 * and this class raises the level to {@code paranoid} when a test runs without it (an IDE run).
 */
public final class LeakDetection implements AfterAllCallback {
    private static final int ROUNDS = 3;
    private static final int ALLOCATIONS_PER_ROUND = 8;
    private static final long PAUSE_MILLIS = 20;
    /** Leak records as Netty reported them; drained by {@link #detectLeaks()}. */
    private static final Queue<String> REPORTED = new ConcurrentLinkedQueue<>();

    static {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        }
        byteBufLeakDetector().setLeakListener((resourceType, records) -> REPORTED.add(resourceType + " leak:" + records));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        assertNoLeaks();
    }

    /** Forces leak detection and fails with the records of every ByteBuf leak reported since the last check. */
    public static void assertNoLeaks() {
        List<String> leaks = detectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionFailedError(leaks.size() + " ByteBuf leak(s) reported by Netty:\n"
                    + String.join("\n\n", leaks));
        }
    }

    /** Forces leak detection and returns (and forgets) the records of the leaks reported since the last call. */
    public static List<String> detectLeaks() {
        for (int round = 0; round < ROUNDS; round++) {
            System.gc();
            pause();
            allocateAndRelease();
        }
        List<String> leaks = new ArrayList<>();
        String record;
        while ((record = REPORTED.poll()) != null) {
            leaks.add(record);
        }
        return leaks;
    }

    /** Every tracked allocation first polls the detector's queue of collected, unreleased buffers. */
    private static void allocateAndRelease() {
        ByteBufAllocator[] allocators = {ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT,
                UnpooledByteBufAllocator.DEFAULT};
        for (ByteBufAllocator allocator : allocators) {
            for (int i = 0; i < ALLOCATIONS_PER_ROUND; i++) {
                ByteBuf heap = allocator.heapBuffer(8);
                heap.release();
                ByteBuf direct = allocator.directBuffer(8);
                direct.release();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The one detector every ByteBuf allocator tracks with ({@code AbstractByteBuf.leakDetector}, package-private). */
    @SuppressWarnings("unchecked")
    private static ResourceLeakDetector<ByteBuf> byteBufLeakDetector() {
        try {
            Field field = Class.forName("io.netty.buffer.AbstractByteBuf").getDeclaredField("leakDetector");
            field.setAccessible(true);
            return (ResourceLeakDetector<ByteBuf>) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot reach Netty's ByteBuf leak detector to listen for leaks", e);
        }
    }
}
