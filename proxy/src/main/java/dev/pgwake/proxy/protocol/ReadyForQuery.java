package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** ReadyForQuery ('Z'): the transaction status, 'I' idle, 'T' in a transaction, 'E' in a failed one. */
public record ReadyForQuery(byte status) {
    public static final byte TYPE = 'Z';
    public static final byte IDLE = 'I';
    public static final byte IN_TRANSACTION = 'T';
    public static final byte FAILED_TRANSACTION = 'E';

    public static ReadyForQuery decode(ByteBuf body) {
        if (body.readableBytes() < 1) {
            throw ProtocolException.violation("ReadyForQuery without a transaction status");
        }
        return new ReadyForQuery(body.getByte(body.readerIndex()));
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = TypedMessage.start(alloc, 'Z', 1);
        out.writeByte(status);
        return TypedMessage.finish(out);
    }
}
