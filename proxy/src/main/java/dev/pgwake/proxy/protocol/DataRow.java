package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * DataRow ('D') in text format, for rows pgwake makes itself (relayed rows stay frames): the column count,
 * then per column its length in bytes and its UTF-8 text; a null value is length -1 and no bytes.
 */
public record DataRow(List<String> values) {
    public static final byte TYPE = 'D';
    private static final int NULL_LENGTH = -1;

    /** Keeps nulls, which {@link List#copyOf} would refuse. */
    public DataRow {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        int length = 2;
        for (String value : values) {
            length += 4 + (value == null ? 0 : ByteBufUtil.utf8Bytes(value));
        }
        ByteBuf out = TypedMessage.start(alloc, 'D', length);
        out.writeShort(values.size());
        for (String value : values) {
            if (value == null) {
                out.writeInt(NULL_LENGTH);
            } else {
                out.writeInt(ByteBufUtil.utf8Bytes(value));
                ByteBufUtil.writeUtf8(out, value);
            }
        }
        return TypedMessage.finish(out);
    }
}
