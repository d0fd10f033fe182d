package dev.pgwake.proxy.testing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A typed message a test read back from a channel, split by a parser written from the protocol
 * documentation (independent of the code under test): type byte, Int32 length counting itself, body.
 */
public record BackendMessage(char type, byte[] body) {

    /** Everything the channel has written so far, as bytes; releases what it reads. */
    public static byte[] drainOutbound(EmbeddedChannel channel) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            ByteBuf buf = (ByteBuf) message;
            try {
                byte[] bytes = new byte[buf.readableBytes()];
                buf.getBytes(buf.readerIndex(), bytes);
                all.writeBytes(bytes);
            } finally {
                buf.release();
            }
        }
        return all.toByteArray();
    }

    /** Everything the channel has written so far, split into typed messages; fails on a partial message. */
    public static List<BackendMessage> readAll(EmbeddedChannel channel) {
        return parseAll(drainOutbound(channel));
    }

    public static List<BackendMessage> parseAll(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<BackendMessage> messages = new ArrayList<>();
        while (in.hasRemaining()) {
            if (in.remaining() < 5) {
                throw new AssertionError("partial message header: " + in.remaining() + " bytes left");
            }
            char type = (char) in.get();
            int length = in.getInt();
            if (length < 4 || length - 4 > in.remaining()) {
                throw new AssertionError("message '" + type + "' has length " + length + " with " + in.remaining()
                        + " bytes left");
            }
            byte[] body = new byte[length - 4];
            in.get(body);
            messages.add(new BackendMessage(type, body));
        }
        return messages;
    }

    /** The fields of an ErrorResponse or NoticeResponse: code byte, String, ..., a zero byte. */
    public Map<Character, String> fields() {
        Map<Character, String> fields = new LinkedHashMap<>();
        int at = 0;
        while (at < body.length && body[at] != 0) {
            char code = (char) body[at++];
            int end = at;
            while (body[end] != 0) {
                end++;
            }
            fields.put(code, new String(body, at, end - at, StandardCharsets.UTF_8));
            at = end + 1;
        }
        return fields;
    }

    public String sqlState() {
        return fields().get('C');
    }

    public String message() {
        return fields().get('M');
    }

    /** Int32 at the start of the body (the code of an Authentication message). */
    public int firstInt() {
        return ByteBuffer.wrap(body).getInt();
    }

    @Override
    public String toString() {
        return type == 'E' || type == 'N' ? "'" + type + "' " + fields() : "'" + type + "' (" + body.length + " bytes)";
    }
}
