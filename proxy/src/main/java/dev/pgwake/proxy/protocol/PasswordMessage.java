package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** PasswordMessage ('p'): a cleartext password or an md5 response, as one C string. */
public record PasswordMessage(String password) {
    public static final byte TYPE = 'p';

    public static PasswordMessage decode(ByteBuf body) {
        return new PasswordMessage(CString.read(body.duplicate()));
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = TypedMessage.start(alloc, 'p', CString.encodedLength(password));
        CString.write(out, password);
        return TypedMessage.finish(out);
    }

    @Override
    public String toString() {
        return "PasswordMessage[redacted]";
    }
}
