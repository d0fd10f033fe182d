package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** CloseComplete ('3'): the server's answer to a Close. */
public final class CloseComplete {
    public static final byte TYPE = '3';

    private CloseComplete() {
    }

    public static ByteBuf encode(ByteBufAllocator alloc) {
        return TypedMessage.finish(TypedMessage.start(alloc, '3', 0));
    }
}
