package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** CommandComplete ('C'): the command tag of a finished statement, e.g. {@code SHOW} or {@code SELECT 3}. */
public record CommandComplete(String tag) {
    public static final byte TYPE = 'C';

    public static CommandComplete decode(ByteBuf body) {
        return new CommandComplete(CString.read(body.duplicate()));
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = TypedMessage.start(alloc, 'C', CString.encodedLength(tag));
        CString.write(out, tag);
        return TypedMessage.finish(out);
    }
}
