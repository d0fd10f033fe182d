package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Describe ('D'): 'S' and a prepared statement's name, or 'P' and a portal's. */
public record Describe(byte kind, String name) {
    public static final byte TYPE = 'D';
    public static final byte STATEMENT = 'S';
    public static final byte PORTAL = 'P';

    public static Describe decode(ByteBuf body) {
        ByteBuf in = body.duplicate();
        if (!in.isReadable()) {
            throw ProtocolException.violation("Describe without a kind");
        }
        byte kind = in.readByte();
        return new Describe(kind, CString.read(in));
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = TypedMessage.start(alloc, 'D', 1 + CString.encodedLength(name));
        out.writeByte(kind);
        CString.write(out, name);
        return TypedMessage.finish(out);
    }
}
