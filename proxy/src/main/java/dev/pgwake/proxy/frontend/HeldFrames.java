package dev.pgwake.proxy.frontend;

import dev.pgwake.proxy.protocol.Frame;
import io.netty.channel.Channel;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Frames a client sent while it has no server connection yet (its branch is waking), in order. Bounded:
 * past the limit the client's channel stops reading until the frames are handed on. Owns one reference to
 * every frame it holds; {@link #releaseAll()} on close. Event loop only.
 */
final class HeldFrames {
    /** Made at the first frame held: most clients never wait for a branch or a server connection. */
    private ArrayDeque<Frame> frames;
    private final int limit;
    private int bytes;

    HeldFrames(int limit) {
        this.limit = limit;
    }

    void add(Frame frame, Channel client) {
        if (frames == null) {
            frames = new ArrayDeque<>(4);
        }
        frames.add(frame);
        bytes += frame.content().readableBytes();
        if (bytes > limit) {
            client.config().setAutoRead(false);
        }
    }

    boolean isEmpty() {
        return frames == null || frames.isEmpty();
    }

    /** Hands every frame, in order, to {@code sink} (which takes over its reference) and reads on. */
    void drainTo(Consumer<Frame> sink, Channel client) {
        Frame frame;
        while (frames != null && (frame = frames.poll()) != null) {
            sink.accept(frame);
        }
        bytes = 0;
        client.config().setAutoRead(true);
    }

    void releaseAll() {
        Frame frame;
        while (frames != null && (frame = frames.poll()) != null) {
            frame.release();
        }
        bytes = 0;
    }
}
