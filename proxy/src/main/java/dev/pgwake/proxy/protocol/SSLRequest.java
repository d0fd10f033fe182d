package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;

/** SSLRequest: the client asks to switch to TLS; answered with one byte, 'S' or 'N'. */
public enum SSLRequest implements StartupPacket {
    INSTANCE;

    public static final byte ACCEPT = 'S';
    public static final byte REFUSE = 'N';

    public void encode(ByteBuf out) {
        out.writeInt(8).writeInt(Wire.SSL_REQUEST_CODE);
    }
}
