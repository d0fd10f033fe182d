package dev.pgwake.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.ChannelPromise;

/**
 * The messages on their way to one channel during a read batch, written as few buffers as possible without
 * copying: messages that arrived one after the other in the same read buffer (a transaction's RowDescription,
 * DataRows, CommandComplete and ReadyForQuery; a driver's Parse/Bind/Execute/Sync) are adjacent slices of it,
 * so they leave as one slice of that buffer, one write instead of one each, which is most of what relaying
 * costs. The gathered run is written when a message that does not continue it comes, when it passes
 * {@value #WRITE_AT} bytes (a stream of rows stays bounded and backpressure still sees it), and at the end
 * of the batch. Owns one reference to the run's first message (which keeps the read buffer alive; read
 * buffers are never compacted while a slice of them is retained). Event loop only (the client's).
 */
final class Outbox {
    private static final int WRITE_AT = 64 * 1024;

    private final ChannelOutboundInvoker target;
    private final ChannelPromise voidPromise;
    private ByteBuf run;
    private int runLength;

    Outbox(ChannelOutboundInvoker target, ChannelPromise voidPromise) {
        this.target = target;
        this.voidPromise = voidPromise;
    }

    /** Takes over {@code message}'s reference. */
    void add(ByteBuf message) {
        if (run != null && continuesRun(message)) {
            runLength += message.readableBytes();
            message.release();
            if (runLength >= WRITE_AT) {
                write();
            }
            return;
        }
        write();
        run = message;
        runLength = message.readableBytes();
    }

    /** True if {@code message} starts in memory exactly where the run ends, inside the same buffer. */
    private boolean continuesRun(ByteBuf message) {
        ByteBuf parent = run.unwrap();
        return parent != null && message.unwrap() == parent && message.hasMemoryAddress() && run.hasMemoryAddress()
                && message.memoryAddress() + message.readerIndex() == run.memoryAddress() + run.readerIndex() + runLength;
    }

    /** Writes the gathered run (not flushed). */
    void write() {
        if (run == null) {
            return;
        }
        ByteBuf out = run;
        if (runLength != run.readableBytes()) {
            ByteBuf parent = run.unwrap();
            int start = (int) (run.memoryAddress() + run.readerIndex() - parent.memoryAddress());
            out = parent.retainedSlice(start, runLength);
            run.release();
        }
        run = null;
        target.write(out, voidPromise);
    }

    void flush() {
        write();
        target.flush();
    }

    void discard() {
        if (run != null) {
            run.release();
            run = null;
        }
    }
}
