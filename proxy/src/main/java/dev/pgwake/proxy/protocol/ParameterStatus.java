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
        ByteBuf out = alloc.buffer(Wire.TYPED_HEADER_LENGTH + CString.encodedLength(name) + CString.encodedLength(value));
        encodeTo(out);
        return out;
    }

    /** Appends this message to {@code out}, so that several can leave as one buffer (a handshake's dozen). */
    public void encodeTo(ByteBuf out) {
        int start = out.writerIndex();
        out.writeByte(TYPE).writeInt(0);
        CString.write(out, name);
        CString.write(out, value);
        out.setInt(start + 1, out.writerIndex() - start - 1);
    }
}
