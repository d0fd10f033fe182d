package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** EmptyQueryResponse ('I'): the answer to a query string with no statement in it, instead of CommandComplete. */
public final class EmptyQueryResponse {
    public static final byte TYPE = 'I';

    private EmptyQueryResponse() {
    }

    public static ByteBuf encode(ByteBufAllocator alloc) {
        return TypedMessage.finish(TypedMessage.start(alloc, 'I', 0));
    }
}
