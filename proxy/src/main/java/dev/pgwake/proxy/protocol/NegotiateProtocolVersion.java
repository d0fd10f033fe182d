package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

/** NegotiateProtocolVersion ('v'): the newest minor version supported and the options not recognized. */
public record NegotiateProtocolVersion(int newestMinorVersion, List<String> unrecognizedOptions) {
    public static final byte TYPE = 'v';

    public NegotiateProtocolVersion {
        unrecognizedOptions = List.copyOf(unrecognizedOptions);
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = TypedMessage.start(alloc, 'v', 8 + 32 * unrecognizedOptions.size());
        out.writeInt(newestMinorVersion).writeInt(unrecognizedOptions.size());
        unrecognizedOptions.forEach(option -> CString.write(out, option));
        return TypedMessage.finish(out);
    }
}
