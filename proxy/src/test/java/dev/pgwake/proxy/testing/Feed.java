package dev.pgwake.proxy.testing;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;

/** How a test hands bytes to a channel: as one read, or one read per byte (every split point a decoder can meet). */
public enum Feed {
    WHOLE {
        @Override
        public void into(EmbeddedChannel channel, byte[] bytes) {
            channel.writeInbound(ByteBufAllocator.DEFAULT.buffer(bytes.length).writeBytes(bytes));
        }
    },
    BYTE_BY_BYTE {
        @Override
        public void into(EmbeddedChannel channel, byte[] bytes) {
            for (byte b : bytes) {
                channel.writeInbound(ByteBufAllocator.DEFAULT.buffer(1).writeByte(b));
            }
        }
    };

    /** Writes the bytes inbound; an exception a handler raised is rethrown, as {@link EmbeddedChannel#writeInbound} does. */
    public abstract void into(EmbeddedChannel channel, byte[] bytes);

    /** The concatenation of several packets, to feed as one read ("coalesced"). */
    public static byte[] concat(byte[]... packets) {
        int length = 0;
        for (byte[] packet : packets) {
            length += packet.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] packet : packets) {
            System.arraycopy(packet, 0, all, at, packet.length);
            at += packet.length;
        }
        return all;
    }
}
