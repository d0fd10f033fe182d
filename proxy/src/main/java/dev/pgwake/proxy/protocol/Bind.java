package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Bind ('B'): portal name, statement name, then formats and parameter values, which pgwake never decodes.
 * {@link #withStatement} rewrites only the statement name and copies the rest as it came.
 */
public final class Bind {
    public static final byte TYPE = 'B';

    private Bind() {
    }

    /** The portal name, the first field. */
    public static String portal(ByteBuf body) {
        return CString.read(body.duplicate());
    }

    /** The statement name, the second field. */
    public static String statement(ByteBuf body) {
        ByteBuf in = body.duplicate();
        CString.read(in);
        return CString.read(in);
    }

    /**
     * How many result-column format codes the Bind gives: 0 (all text) or 1 (one for all columns) hold for any
     * number of columns; more are one per column of the statement as the client last saw it.
     */
    public static int resultFormatCount(ByteBuf body) {
        ByteBuf in = body.duplicate();
        CString.read(in);
        CString.read(in);
        in.skipBytes(2 * in.readUnsignedShort());
        int parameters = in.readUnsignedShort();
        for (int i = 0; i < parameters; i++) {
            int length = in.readInt();
            if (length > 0) {
                in.skipBytes(length);
            }
        }
        return in.readUnsignedShort();
    }

    /** A new Bind message with {@code statement} in place of the statement name. */
    public static ByteBuf withStatement(ByteBuf body, String statement, ByteBufAllocator alloc) {
        ByteBuf in = body.duplicate();
        String portal = CString.read(in);
        CString.read(in);
        ByteBuf out = TypedMessage.start(alloc, 'B', CString.encodedLength(portal) + CString.encodedLength(statement)
                + in.readableBytes());
        CString.write(out, portal);
        CString.write(out, statement);
        out.writeBytes(in);
        return TypedMessage.finish(out);
    }
}
