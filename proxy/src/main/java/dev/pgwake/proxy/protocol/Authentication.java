package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Authentication ('R') family: AuthenticationOk, CleartextPassword, MD5Password, SASL,
 * SASLContinue and SASLFinal share one type byte and differ by the code that starts the body.
 */
public record Authentication(int code, byte[] data) {
    public static final byte TYPE = 'R';
    public static final int OK = 0;
    public static final int CLEARTEXT_PASSWORD = 3;
    public static final int MD5_PASSWORD = 5;
    public static final int SASL = 10;
    public static final int SASL_CONTINUE = 11;
    public static final int SASL_FINAL = 12;

    public static Authentication decode(ByteBuf body) {
        if (body.readableBytes() < 4) {
            throw ProtocolException.violation("Authentication message too short");
        }
        int code = body.getInt(body.readerIndex());
        return new Authentication(code, ByteBufUtil.getBytes(body, body.readerIndex() + 4, body.readableBytes() - 4));
    }

    /** The mechanism names of an AuthenticationSASL message (NUL-separated, ended by an empty name). */
    public List<String> mechanisms() {
        List<String> names = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0) {
                if (i == from) {
                    break;
                }
                names.add(new String(data, from, i - from, StandardCharsets.UTF_8));
                from = i + 1;
            }
        }
        return names;
    }

    public static ByteBuf ok(ByteBufAllocator alloc) {
        return withData(alloc, OK, new byte[0]);
    }

    public static ByteBuf cleartextPassword(ByteBufAllocator alloc) {
        return withData(alloc, CLEARTEXT_PASSWORD, new byte[0]);
    }

    public static ByteBuf md5Password(ByteBufAllocator alloc, byte[] salt) {
        return withData(alloc, MD5_PASSWORD, salt);
    }

    public static ByteBuf sasl(ByteBufAllocator alloc, List<String> mechanisms) {
        ByteBuf out = TypedMessage.start(alloc, 'R', 32);
        out.writeInt(SASL);
        mechanisms.forEach(name -> CString.write(out, name));
        out.writeByte(0);
        return TypedMessage.finish(out);
    }

    public static ByteBuf saslContinue(ByteBufAllocator alloc, byte[] data) {
        return withData(alloc, SASL_CONTINUE, data);
    }

    public static ByteBuf saslFinal(ByteBufAllocator alloc, byte[] data) {
        return withData(alloc, SASL_FINAL, data);
    }

    private static ByteBuf withData(ByteBufAllocator alloc, int code, byte[] data) {
        ByteBuf out = TypedMessage.start(alloc, 'R', 4 + data.length);
        out.writeInt(code).writeBytes(data);
        return TypedMessage.finish(out);
    }
}
