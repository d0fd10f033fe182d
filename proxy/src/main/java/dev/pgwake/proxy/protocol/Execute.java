package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;

/** Execute ('E' from the client): a portal name and a row limit (0 for all rows). */
public record Execute(String portal, int maxRows) {
    public static final byte TYPE = 'E';

    public static Execute decode(ByteBuf body) {
        ByteBuf in = body.duplicate();
        String portal = CString.read(in);
        if (in.readableBytes() < 4) {
            throw ProtocolException.violation("Execute without a row limit");
        }
        return new Execute(portal, in.readInt());
    }
}
