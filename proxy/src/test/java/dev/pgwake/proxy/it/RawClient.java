package dev.pgwake.proxy.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A blocking PostgreSQL wire client for what real drivers cannot be made to do: look at the authentication
 * request itself, or drop the connection without a Terminate. Reads time out after 10 seconds.
 */
final class RawClient implements AutoCloseable {
    private static final int PROTOCOL_3_0 = 3 << 16;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    /** A message from the server: its type byte and body. */
    record Message(char type, byte[] body) {
        /** The first four bytes as a big-endian int (the code of an Authentication message). */
        int int32() {
            return ((body[0] & 0xFF) << 24) | ((body[1] & 0xFF) << 16) | ((body[2] & 0xFF) << 8) | (body[3] & 0xFF);
        }

        /** The fields of an ErrorResponse or NoticeResponse, by field code. */
        Map<Character, String> fields() {
            Map<Character, String> fields = new HashMap<>();
            for (String field : new String(body, UTF_8).split("\0")) {
                if (!field.isEmpty()) {
                    fields.put(field.charAt(0), field.substring(1));
                }
            }
            return fields;
        }
    }

    RawClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = new DataOutputStream(socket.getOutputStream());
    }

    /** Connected to pgwake on {@code port} as the trusted superuser, database postgres, after its ReadyForQuery. */
    static RawClient loggedIn(int port) throws IOException {
        RawClient client = new RawClient(port);
        Map<String, String> startup = new LinkedHashMap<>();
        startup.put("user", PostgresFixture.SUPERUSER);
        startup.put("database", "postgres");
        client.startup(startup);
        client.readUntil('Z');
        return client;
    }

    /** Parse of the named statement {@code name} (no parameter types), then Sync; fails unless it is prepared. */
    void prepare(String name, String sql) throws IOException {
        send('P', string(name), string(sql), int16(0));
        send('S');
        flush();
        Message answer = read();
        if (answer.type() != '1') {
            throw new IOException("Parse of " + name + " answered with '" + answer.type() + "': " + answer.fields());
        }
        readUntil('Z');
    }

    /** Sends a protocol 3.0 StartupMessage with {@code parameters} (in this order). */
    void startup(Map<String, String> parameters) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        parameters.forEach((name, value) -> body.writeBytes((name + "\0" + value + "\0").getBytes(UTF_8)));
        body.write(0);
        out.writeInt(8 + body.size());
        out.writeInt(PROTOCOL_3_0);
        out.write(body.toByteArray());
        out.flush();
    }

    /** Sends a simple Query. */
    void query(String sql) throws IOException {
        byte[] text = (sql + "\0").getBytes(UTF_8);
        out.writeByte('Q');
        out.writeInt(4 + text.length);
        out.write(text);
        out.flush();
    }

    /** Sends a typed message whose body is {@code parts} one after the other (not flushed until {@link #flush}). */
    void send(char type, byte[]... parts) throws IOException {
        int length = 4;
        for (byte[] part : parts) {
            length += part.length;
        }
        out.writeByte(type);
        out.writeInt(length);
        for (byte[] part : parts) {
            out.write(part);
        }
    }

    void flush() throws IOException {
        out.flush();
    }

    /** A String field: UTF-8 and a NUL. */
    static byte[] string(String value) {
        return (value + "\0").getBytes(UTF_8);
    }

    static byte[] int16(int value) {
        return new byte[] {(byte) (value >> 8), (byte) value};
    }

    static byte[] int32(int value) {
        return new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
    }

    Message read() throws IOException {
        char type = (char) in.readUnsignedByte();
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        return new Message(type, body);
    }

    /** Reads messages up to and including the first of {@code type}; fails on an ErrorResponse first. */
    Message readUntil(char type) throws IOException {
        while (true) {
            Message message = read();
            if (message.type() == type) {
                return message;
            }
            if (message.type() == 'E') {
                throw new IOException("server sent an error: " + message.fields());
            }
        }
    }

    /** Closes the socket at once: no Terminate message. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
