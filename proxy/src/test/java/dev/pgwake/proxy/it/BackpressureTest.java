package dev.pgwake.proxy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

/**
 * Writability couples both directions: while one side does not read, pgwake stops reading from the other,
 * so what pgwake buffers stays small however much the other side has to send. Measured as the buffer
 * memory in use by pgwake's allocator (pgwake runs in this JVM) while a side stalls.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class BackpressureTest {
    /** Far more than pgwake may hold: without backpressure most of it would sit in pgwake's buffers. */
    private static final long VOLUME = 256L << 20;
    private static final long BOUND = 32L << 20;
    @RegisterExtension
    static final PgwakePerClass pgwake = new PgwakePerClass("");

    @Test
    void aClientThatDoesNotReadStopsPgwakeReadingFromTheServer() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        AtomicLong received = new AtomicLong();
        OutputStream slowReader = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (received.getAndAdd(len) == 0) {
                    stalled.countDown();
                    await(resume);
                }
            }
        };
        try (Connection connection = pgwake.connect()) {
            long before = bufferMemory();
            String sql = "copy (select repeat('x', 1023) from generate_series(1, " + (VOLUME >> 10) + ")) to stdout";
            CompletableFuture<Long> copy = CompletableFuture.supplyAsync(() -> copyOut(connection, sql, slowReader));
            assertTrue(stalled.await(30, TimeUnit.SECONDS), "the copy never started");
            long peak = peakBufferMemoryOver(2_000) - before;
            resume.countDown();
            assertEquals(VOLUME >> 10, copy.get(60, TimeUnit.SECONDS));
            assertEquals(VOLUME, received.get());
            assertTrue(peak < BOUND, "pgwake held " + peak + " bytes more while its client did not read");
        }
    }

    @Test
    void aServerThatDoesNotReadStopsPgwakeReadingFromTheClient() throws Exception {
        try (Connection connection = pgwake.connect(); Statement setup = connection.createStatement()) {
            long before = bufferMemory();
            // The server stops reading for 3 s at the first row: a trigger sleeps, mid-COPY, while the client pushes on.
            setup.execute("create temp table backpressure_in (line text)");
            setup.execute("create function pg_temp.stall() returns trigger language plpgsql as "
                    + "$$ begin perform pg_sleep(3); return new; end $$");
            setup.execute("create trigger stall before insert on backpressure_in for each row "
                    + "when (new.line = 'stall') execute function pg_temp.stall()");
            CompletableFuture<Long> copy = CompletableFuture.supplyAsync(() -> copyIn(connection,
                    "copy backpressure_in from stdin", new Lines(VOLUME >> 10)));
            Thread.sleep(300);
            long peak = peakBufferMemoryOver(2_000) - before;
            assertEquals((VOLUME >> 10) + 1, copy.get(60, TimeUnit.SECONDS));
            assertTrue(peak < BOUND, "pgwake held " + peak + " bytes more while its server did not read");
        }
    }

    private static long peakBufferMemoryOver(long millis) throws InterruptedException {
        long peak = 0;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            peak = Math.max(peak, bufferMemory());
            Thread.sleep(20);
        }
        return peak;
    }

    /**
     * The buffer memory of this JVM's default allocator: the chunks its arenas hold, in use or kept for reuse (so
     * what earlier tests in this JVM left is counted in too, and is taken off as the measurement's baseline).
     */
    private static long bufferMemory() {
        ByteBufAllocatorMetric metric = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
        return metric.usedDirectMemory() + metric.usedHeapMemory();
    }

    private static long copyOut(Connection connection, String sql, OutputStream out) {
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long copyIn(Connection connection, String sql, InputStream in) {
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A line "stall", then {@code count} lines of 1,023 'y's and a newline, generated as they are read. */
    private static final class Lines extends InputStream {
        private static final byte[] FIRST = "stall\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private final long total;
        private long position;

        Lines(long count) {
            this.total = FIRST.length + (count << 10);
        }

        @Override
        public int read() {
            if (position >= total) {
                return -1;
            }
            long at = position++;
            if (at < FIRST.length) {
                return FIRST[(int) at];
            }
            return ((at - FIRST.length) & 1023) == 1023 ? '\n' : 'y';
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) read();
            }
            return n;
        }
    }
}
