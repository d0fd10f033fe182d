package dev.pgwake.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a client sends, built in tests from the protocol documentation (not with the code under test):
 * startup packets (Int32 length counting itself, Int32 code, body) and typed messages.
 */
public final class ClientPackets {
    public static final int PROTOCOL_3_0 = 3 << 16;

    private ClientPackets() {
    }

    /** Int32 8, Int32 80877103. */
    public static byte[] sslRequest() {
        return Hex.bytes("00000008 04d2162f");
    }

    /** Int32 8, Int32 80877104. */
    public static byte[] gssencRequest() {
        return Hex.bytes("00000008 04d21630");
    }

    /** Int32 16, Int32 80877102, Int32 process id, Int32 secret key. */
    public static byte[] cancelRequest(int processId, int secretKey) {
        return ByteBuffer.allocate(16).putInt(16).putInt((1234 << 16) | 5678).putInt(processId).putInt(secretKey).array();
    }

    /** A StartupMessage with the given version and name/value pairs, in that order, then the terminating zero. */
    public static byte[] startup(int protocolVersion, String... namesAndValues) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String s : namesAndValues) {
            body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        body.write(0);
        return ByteBuffer.allocate(8 + body.size()).putInt(8 + body.size()).putInt(protocolVersion)
                .put(body.toByteArray()).array();
    }

    /** A protocol 3.0 StartupMessage. */
    public static byte[] startup(String... namesAndValues) {
        return startup(PROTOCOL_3_0, namesAndValues);
    }

    /** A typed message: Byte1 type, Int32 length counting itself, body. */
    public static byte[] typed(char type, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) type).putInt(4 + body.length).put(body).array();
    }

    /** SASLInitialResponse ('p'): mechanism String, Int32 data length, data. */
    public static byte[] saslInitialResponse(String mechanism, byte[] data) {
        byte[] name = mechanism.getBytes(StandardCharsets.UTF_8);
        return typed('p', ByteBuffer.allocate(name.length + 5 + data.length).put(name).put((byte) 0)
                .putInt(data.length).put(data).array());
    }
}
