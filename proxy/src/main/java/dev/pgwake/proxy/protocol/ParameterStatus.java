package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** ParameterStatus ('S'): the server reports a run-time parameter's current value. */
public record ParameterStatus(String name, String value) {
    public static final byte TYPE = 'S';

    public static ParameterStatus decode(ByteBuf body) {
        ByteBuf in = body.duplicate();
        return new ParameterStatus(CString.read(in), CString.read(in));
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = TypedMessage.start(alloc, 'S', CString.encodedLength(name) + CString.encodedLength(value));
        CString.write(out, name);
        CString.write(out, value);
        return TypedMessage.finish(out);
    }
}
