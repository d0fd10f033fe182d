package dev.pgwake.proxy.admin;

import dev.pgwake.proxy.protocol.CommandComplete;
import dev.pgwake.proxy.protocol.DataRow;
import dev.pgwake.proxy.protocol.RowDescription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

import java.util.List;

/**
 * Encodes a {@link ResultSet} as the server answers a query: RowDescription, one DataRow per row, then
 * CommandComplete (only CommandComplete for a result without columns).
 */
final class ResultSetWriter {
    private ResultSetWriter() {
    }

    /** One buffer holding every message of the result, for the caller to write (or release). */
    static ByteBuf encode(ResultSet result, ByteBufAllocator alloc) {
        CompositeByteBuf out = alloc.compositeBuffer(result.rows().size() + 2);
        try {
            if (!result.columns().isEmpty()) {
                out.addComponent(true, RowDescription.text(result.columns()).encode(alloc));
                for (List<String> row : result.rows()) {
                    out.addComponent(true, new DataRow(row).encode(alloc));
                }
            }
            out.addComponent(true, new CommandComplete(result.tag()).encode(alloc));
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }
}
