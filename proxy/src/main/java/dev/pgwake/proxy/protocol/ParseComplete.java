package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** ParseComplete ('1'): the server's answer to a Parse. */
public final class ParseComplete {
    public static final byte TYPE = '1';

    private ParseComplete() {
    }

    public static ByteBuf encode(ByteBufAllocator alloc) {
        return TypedMessage.finish(TypedMessage.start(alloc, '1', 0));
    }
}
