package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Query ('Q'): a simple-protocol query string, which may hold several statements separated by ';'. */
public record Query(String sql) {
    public static final byte TYPE = 'Q';

    public static Query decode(ByteBuf body) {
        return new Query(CString.read(body.duplicate()));
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = TypedMessage.start(alloc, 'Q', CString.encodedLength(sql));
        CString.write(out, sql);
        return TypedMessage.finish(out);
    }
}
