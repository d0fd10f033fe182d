package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Sync ('S' from the client): ends an extended-query pipeline segment; the server answers ReadyForQuery. */
public final class Sync {
    public static final byte TYPE = 'S';

    private Sync() {
    }

    public static ByteBuf encode(ByteBufAllocator alloc) {
        return TypedMessage.finish(TypedMessage.start(alloc, 'S', 0));
    }
}
