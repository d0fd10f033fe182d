package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the typed message stream into {@link Frame}s without decoding their bodies. A message longer
 * than the configured maximum, or with a length word under 4, is a protocol violation (08P01).
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxMessageLength;

    /** @param maxMessageLength the largest length word accepted (the length word counts itself, not the type byte) */
    public FrameDecoder(int maxMessageLength) {
        this.maxMessageLength = maxMessageLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= Wire.TYPED_HEADER_LENGTH) {
            int start = in.readerIndex();
            byte type = in.getByte(start);
            int length = in.getInt(start + 1);
            if (length < Integer.BYTES) {
                throw fail(in, ProtocolException.violation("invalid message length " + length
                        + " for message type '" + printable(type) + "'"));
            }
            if (length > maxMessageLength) {
                throw fail(in, ProtocolException.violation("message of type '" + printable(type) + "' is "
                        + length + " bytes, over the limit of " + maxMessageLength + " bytes (max_frame_size)"));
            }
            if (in.readableBytes() < length + 1) {
                return;
            }
            out.add(new Frame(type, in.readRetainedSlice(length + 1)));
        }
    }

    private static String printable(byte type) {
        return type >= 0x20 && type < 0x7f ? String.valueOf((char) type) : String.format("\\x%02x", type & 0xff);
    }

    private static ProtocolException fail(ByteBuf in, ProtocolException e) {
        in.skipBytes(in.readableBytes());
        return e;
    }
}
