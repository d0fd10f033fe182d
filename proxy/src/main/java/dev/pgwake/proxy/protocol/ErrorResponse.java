package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.LinkedHashMap;
import java.util.Map;

/** ErrorResponse ('E'): severity, SQLSTATE, message and optional detail and hint. */
public record ErrorResponse(String severity, String sqlState, String message, String detail, String hint) {
    public static final byte TYPE = 'E';

    public static ErrorResponse fatal(String sqlState, String message) {
        return new ErrorResponse("FATAL", sqlState, message, null, null);
    }

    public static ErrorResponse error(String sqlState, String message) {
        return new ErrorResponse("ERROR", sqlState, message, null, null);
    }

    public ErrorResponse withHint(String newHint) {
        return new ErrorResponse(severity, sqlState, message, detail, newHint);
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = TypedMessage.start(alloc, 'E', 64 + message.length());
        field(out, 'S', severity);
        field(out, 'V', severity);
        field(out, 'C', sqlState);
        field(out, 'M', message);
        field(out, 'D', detail);
        field(out, 'H', hint);
        out.writeByte(0);
        return TypedMessage.finish(out);
    }

    private static void field(ByteBuf out, char code, String value) {
        if (value != null) {
            out.writeByte(code);
            CString.write(out, value);
        }
    }

    /** Decodes the fields of an ErrorResponse or NoticeResponse body, keyed by field code. */
    public static Map<Character, String> fields(ByteBuf body) {
        Map<Character, String> fields = new LinkedHashMap<>();
        ByteBuf in = body.duplicate();
        while (in.isReadable()) {
            byte code = in.readByte();
            if (code == 0) {
                break;
            }
            fields.put((char) code, CString.read(in));
        }
        return fields;
    }

    /** An ErrorResponse or NoticeResponse ({@code type}) of exactly these fields, in their order. */
    public static ByteBuf encode(char type, Map<Character, String> fields, ByteBufAllocator alloc) {
        ByteBuf out = TypedMessage.start(alloc, type, 128);
        fields.forEach((code, value) -> field(out, code, value));
        out.writeByte(0);
        return TypedMessage.finish(out);
    }

    public static ErrorResponse decode(ByteBuf body) {
        Map<Character, String> fields = fields(body);
        return new ErrorResponse(fields.getOrDefault('S', "ERROR"), fields.getOrDefault('C', SqlState.INTERNAL_ERROR),
                fields.getOrDefault('M', ""), fields.get('D'), fields.get('H'));
    }
}
