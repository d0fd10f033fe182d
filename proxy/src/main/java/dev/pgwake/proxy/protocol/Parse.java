package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Parse ('P'): a statement name, then the query text and the parameter type OIDs, kept as the raw
 * {@code definition} bytes (query string with its NUL, Int16 count, Int32 OIDs) so the same statement can
 * be prepared again under another name without decoding it.
 */
public record Parse(String name, byte[] definition) {
    public static final byte TYPE = 'P';

    public static Parse decode(ByteBuf body) {
        ByteBuf in = body.duplicate();
        String name = CString.read(in);
        byte[] definition = new byte[in.readableBytes()];
        in.readBytes(definition);
        return new Parse(name, definition);
    }

    /** A Parse of {@code query} with no parameter types given. */
    public static Parse of(String name, String query) {
        byte[] text = query.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] definition = new byte[text.length + 1 + 2]; // the query, its NUL, Int16 0 parameter types
        System.arraycopy(text, 0, definition, 0, text.length);
        return new Parse(name, definition);
    }

    /** The query text (up to the definition's first NUL). */
    public String query() {
        int end = 0;
        while (end < definition.length && definition[end] != 0) {
            end++;
        }
        return new String(definition, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = TypedMessage.start(alloc, 'P', CString.encodedLength(name) + definition.length);
        CString.write(out, name);
        out.writeBytes(definition);
        return TypedMessage.finish(out);
    }
}
