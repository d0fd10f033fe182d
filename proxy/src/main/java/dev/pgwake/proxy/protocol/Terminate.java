package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Terminate ('X'): the client is leaving. */
public final class Terminate {
    public static final byte TYPE = 'X';

    private Terminate() {
    }

    public static ByteBuf encode(ByteBufAllocator alloc) {
        return TypedMessage.finish(TypedMessage.start(alloc, 'X', 0));
    }
}
