package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Decodes the untyped packets a client sends before the typed message stream: SSLRequest,
 * GSSENCRequest, CancelRequest and StartupMessage. Bounded by PostgreSQL's 10,000-byte limit.
 * The session handler replaces this decoder with a {@link FrameDecoder} once the StartupMessage
 * arrives; bytes already buffered behind it move to that decoder.
 */
public final class StartupDecoder extends ByteToMessageDecoder {
    private final boolean tlsOffered;

    /** @param tlsOffered whether an SSLRequest will be answered 'S' (then plaintext behind it is a violation) */
    public StartupDecoder(boolean tlsOffered) {
        this.tlsOffered = tlsOffered;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < Integer.BYTES) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < Wire.MIN_STARTUP_PACKET_LENGTH || length > Wire.MAX_STARTUP_PACKET_LENGTH) {
            throw fail(in, ProtocolException.violation("invalid length of startup packet: " + length
                    + " (PostgreSQL accepts 8 to " + Wire.MAX_STARTUP_PACKET_LENGTH + " bytes)"));
        }
        if (in.readableBytes() < length) {
            return;
        }
        int code = in.getInt(in.readerIndex() + Integer.BYTES);
        ByteBuf body = in.readSlice(length).skipBytes(Wire.MIN_STARTUP_PACKET_LENGTH);
        try {
            out.add(decodePacket(code, length, body, in));
        } catch (ProtocolException e) {
            throw fail(in, e);
        }
    }

    private StartupPacket decodePacket(int code, int length, ByteBuf body, ByteBuf rest) {
        switch (code) {
            case Wire.SSL_REQUEST_CODE:
                expectLength("SSLRequest", length, Wire.MIN_STARTUP_PACKET_LENGTH);
                if (tlsOffered && rest.isReadable()) {
                    throw ProtocolException.violation("received unencrypted data after SSL request");
                }
                return SSLRequest.INSTANCE;
            case Wire.GSSENC_REQUEST_CODE:
                expectLength("GSSENCRequest", length, Wire.MIN_STARTUP_PACKET_LENGTH);
                return GSSENCRequest.INSTANCE;
            case Wire.CANCEL_REQUEST_CODE:
                expectLength("CancelRequest", length, CancelRequest.LENGTH);
                return new CancelRequest(body.readInt(), body.readInt());
            default:
                return startupMessage(code, body);
        }
    }

    private static StartupMessage startupMessage(int version, ByteBuf body) {
        if (Wire.major(version) != 3) {
            throw new ProtocolException(SqlState.FEATURE_NOT_SUPPORTED, "unsupported frontend protocol "
                    + Wire.major(version) + "." + Wire.minor(version) + ": server supports 3.0 to 3.0");
        }
        return new StartupMessage(version, StartupMessage.decodeParameters(body));
    }

    private static void expectLength(String name, int length, int expected) {
        if (length != expected) {
            throw ProtocolException.violation("invalid length of " + name + ": " + length + ", expected " + expected);
        }
    }

    /** Drops what is buffered so a failed stream is not decoded again before the channel closes. */
    private static ProtocolException fail(ByteBuf in, ProtocolException e) {
        in.skipBytes(in.readableBytes());
        return e;
    }
}
