package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/** Null-terminated UTF-8 strings, the protocol's String type. */
public final class CString {
    private CString() {
    }

    /** Reads up to the next NUL and consumes it; a missing terminator is a protocol violation. */
    public static String read(ByteBuf buf) {
        int end = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) 0);
        if (end < 0) {
            throw ProtocolException.violation("invalid string in message: missing terminator");
        }
        String value = buf.toString(buf.readerIndex(), end - buf.readerIndex(), StandardCharsets.UTF_8);
        buf.readerIndex(end + 1);
        return value;
    }

    public static void write(ByteBuf buf, String value) {
        ByteBufUtil.writeUtf8(buf, value);
        buf.writeByte(0);
    }

    public static int encodedLength(String value) {
        return ByteBufUtil.utf8Bytes(value) + 1;
    }
}
