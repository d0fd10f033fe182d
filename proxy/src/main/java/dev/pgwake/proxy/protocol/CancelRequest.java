package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;

/** CancelRequest: sent on a new connection, names the process and secret of the query to cancel. */
public record CancelRequest(int processId, int secretKey) implements StartupPacket {
    public static final int LENGTH = 16;

    public void encode(ByteBuf out) {
        out.writeInt(LENGTH).writeInt(Wire.CANCEL_REQUEST_CODE).writeInt(processId).writeInt(secretKey);
    }
}
