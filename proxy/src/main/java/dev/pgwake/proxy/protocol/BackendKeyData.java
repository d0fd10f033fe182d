package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** BackendKeyData ('K'): the process id and secret a client quotes in a CancelRequest. */
public record BackendKeyData(int processId, int secretKey) {
    public static final byte TYPE = 'K';

    public static BackendKeyData decode(ByteBuf body) {
        if (body.readableBytes() < 8) {
            throw ProtocolException.violation("BackendKeyData too short: " + body.readableBytes() + " bytes");
        }
        return new BackendKeyData(body.getInt(body.readerIndex()), body.getInt(body.readerIndex() + 4));
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = TypedMessage.start(alloc, 'K', 8);
        out.writeInt(processId).writeInt(secretKey);
        return TypedMessage.finish(out);
    }
}
