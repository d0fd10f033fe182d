package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Framing shared by every encoder: type byte, a length word filled in at the end, then the body. */
final class TypedMessage {
    private TypedMessage() {
    }

    static ByteBuf start(ByteBufAllocator alloc, char type, int bodyLength) {
        ByteBuf out = alloc.buffer(Wire.TYPED_HEADER_LENGTH + bodyLength);
        out.writeByte(type).writeInt(0);
        return out;
    }

    static ByteBuf finish(ByteBuf out) {
        out.setInt(1, out.writerIndex() - 1);
        return out;
    }
}
