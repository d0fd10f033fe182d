package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One typed protocol message as it travelled: its content is the whole message (type byte, length
 * word, body), a retained slice of the read buffer, so relaying it is a write of that slice.
 * Whoever holds a Frame owns one reference and must write or release it.
 */
public final class Frame extends DefaultByteBufHolder {
    private final byte type;

    public Frame(byte type, ByteBuf wholeMessage) {
        super(wholeMessage);
        this.type = type;
    }

    public byte type() {
        return type;
    }

    /** The body after the 5-byte header, sharing this frame's memory (not retained). */
    public ByteBuf body() {
        ByteBuf content = content();
        return content.slice(content.readerIndex() + Wire.TYPED_HEADER_LENGTH,
                content.readableBytes() - Wire.TYPED_HEADER_LENGTH);
    }

    @Override
    public Frame replace(ByteBuf content) {
        return new Frame(type, content);
    }

    @Override
    public Frame retain() {
        super.retain();
        return this;
    }

    @Override
    public String toString() {
        return "Frame('" + (char) type + "', " + content().readableBytes() + " bytes)";
    }
}
