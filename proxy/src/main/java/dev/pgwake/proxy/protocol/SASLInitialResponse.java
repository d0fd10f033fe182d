package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/** SASLInitialResponse ('p'): the chosen mechanism and the client-first-message. */
public record SASLInitialResponse(String mechanism, byte[] data) {
    public static SASLInitialResponse decode(ByteBuf body) {
        ByteBuf in = body.duplicate();
        String mechanism = CString.read(in);
        if (in.readableBytes() < 4) {
            throw ProtocolException.violation("malformed SASLInitialResponse: missing data length");
        }
        int length = in.readInt();
        // Like PostgreSQL (pq_getmsgend), the data must end the message: no bytes after it, none after length -1.
        if (length < -1 || Math.max(length, 0) != in.readableBytes()) {
            throw ProtocolException.violation("malformed SASLInitialResponse: bad data length " + length
                    + " for " + in.readableBytes() + " bytes of data");
        }
        return new SASLInitialResponse(mechanism, length < 0 ? new byte[0] : ByteBufUtil.getBytes(in, in.readerIndex(), length));
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = TypedMessage.start(alloc, 'p', CString.encodedLength(mechanism) + 4 + data.length);
        CString.write(out, mechanism);
        out.writeInt(data.length).writeBytes(data);
        return TypedMessage.finish(out);
    }

    @Override
    public String toString() {
        return "SASLInitialResponse[" + mechanism + "]";
    }
}
