package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Close ('C' from the client): 'S' and a prepared statement's name, or 'P' and a portal's. */
public record Close(byte kind, String name) {
    public static final byte TYPE = 'C';
    public static final byte STATEMENT = 'S';
    public static final byte PORTAL = 'P';

    public static Close decode(ByteBuf body) {
        ByteBuf in = body.duplicate();
        if (!in.isReadable()) {
            throw ProtocolException.violation("Close without a kind");
        }
        byte kind = in.readByte();
        return new Close(kind, CString.read(in));
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = TypedMessage.start(alloc, 'C', 1 + CString.encodedLength(name));
        out.writeByte(kind);
        CString.write(out, name);
        return TypedMessage.finish(out);
    }
}
