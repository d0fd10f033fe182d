package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/** SASLResponse ('p'): a SASL message after the first, such as the client-final-message. */
public record SASLResponse(byte[] data) {
    public static SASLResponse decode(ByteBuf body) {
        return new SASLResponse(ByteBufUtil.getBytes(body));
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = TypedMessage.start(alloc, 'p', data.length);
        out.writeBytes(data);
        return TypedMessage.finish(out);
    }

    @Override
    public String toString() {
        return "SASLResponse[redacted]";
    }
}
