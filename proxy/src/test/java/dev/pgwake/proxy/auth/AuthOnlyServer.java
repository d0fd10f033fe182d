package dev.pgwake.proxy.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;

/**
 * A PostgreSQL server that can only authenticate, so real clients (pgjdbc, libpq) can log in
 * against the exchanges of this package: startup, SCRAM-SHA-256 or MD5, then AuthenticationOk,
 * a few ParameterStatus, BackendKeyData and ReadyForQuery, then it waits for Terminate. Blocking
 * sockets on one background thread, one client at a time; fine for tests, nothing like the proxy.
 */
final class AuthOnlyServer implements AutoCloseable {

    enum Method { SCRAM, MD5 }

    private static final int SSL_REQUEST = (1234 << 16) | 5679;
    private static final int GSSENC_REQUEST = (1234 << 16) | 5680;
    private static final int PROTOCOL_3_0 = 3 << 16;

    private final UserList users;
    private final UserSalts salts = new UserSalts();
    private final Method method;
    private final ServerSocket listener;
    private final Thread acceptor;

    AuthOnlyServer(UserList users, Method method) throws IOException {
        this.users = users;
        this.method = method;
        this.listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "auth-only-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                socket.setSoTimeout(10_000);
                serve(new DataInputStream(socket.getInputStream()), new DataOutputStream(socket.getOutputStream()));
            } catch (IOException e) {
                // client went away or listener closed; serve the next one
            }
        }
    }

    private void serve(DataInputStream in, DataOutputStream out) throws IOException {
        Map<String, String> startup = readStartup(in, out);
        if (startup == null) {
            return;
        }
        String user = startup.getOrDefault("user", "");
        try {
            if (method == Method.SCRAM) {
                scram(user, in, out);
            } else {
                md5(user, in, out);
            }
        } catch (AuthenticationException e) {
            sendError(out, e.sqlState(), e.getMessage());
            return;
        }
        sendReady(out);
        while (in.read() >= 0) {
            in.skipBytes(in.readInt() - 4); // Terminate or anything else: ignore until EOF
        }
    }

    private void scram(String user, DataInputStream in, DataOutputStream out) throws IOException, AuthenticationException {
        ScramServerExchange exchange = ScramServerExchange.forUser(user, users.lookup(user), salts);
        sendAuth(out, 10, cString(ScramServerExchange.MECHANISM + "\0"));
        byte[] initial = readPasswordMessage(in);
        int mechanismEnd = indexOf(initial, (byte) 0);
        String mechanism = new String(initial, 0, mechanismEnd, UTF_8);
        if (!mechanism.equals(ScramServerExchange.MECHANISM)) {
            throw new AuthenticationException("28000", "unsupported SASL mechanism " + mechanism);
        }
        int length = readInt(initial, mechanismEnd + 1);
        byte[] clientFirst = java.util.Arrays.copyOfRange(initial, mechanismEnd + 5, mechanismEnd + 5 + length);
        sendAuth(out, 11, exchange.handleClientFirst(clientFirst));
        sendAuth(out, 12, exchange.handleClientFinal(readPasswordMessage(in)));
    }

    private void md5(String user, DataInputStream in, DataOutputStream out) throws IOException, AuthenticationException {
        Md5Challenge challenge = new Md5Challenge();
        sendAuth(out, 5, challenge.salt());
        byte[] message = readPasswordMessage(in);
        String response = new String(message, 0, indexOf(message, (byte) 0), UTF_8);
        challenge.verify(user, users.lookup(user), response);
    }

    private static Map<String, String> readStartup(DataInputStream in, DataOutputStream out) throws IOException {
        while (true) {
            int length = in.readInt();
            int code = in.readInt();
            byte[] body = new byte[length - 8];
            in.readFully(body);
            if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                out.writeByte('N');
                out.flush();
            } else if (code == PROTOCOL_3_0) {
                return parameters(body);
            } else {
                return null;
            }
        }
    }

    private static Map<String, String> parameters(byte[] body) {
        Map<String, String> parameters = new HashMap<>();
        String[] parts = new String(body, UTF_8).split("\0");
        for (int i = 0; i + 1 < parts.length; i += 2) {
            parameters.put(parts[i], parts[i + 1]);
        }
        return parameters;
    }

    private static byte[] readPasswordMessage(DataInputStream in) throws IOException {
        int type = in.readUnsignedByte();
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        if (type != 'p') {
            throw new IOException("expected a password message, got type " + type);
        }
        return body;
    }

    private static void sendAuth(DataOutputStream out, int code, byte[] data) throws IOException {
        out.writeByte('R');
        out.writeInt(8 + data.length);
        out.writeInt(code);
        out.write(data);
        out.flush();
    }

    private static void sendReady(DataOutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream frames = new DataOutputStream(bytes);
        frames.writeByte('R');
        frames.writeInt(8);
        frames.writeInt(0);
        String[][] status = {{"server_version", "15.0"}, {"client_encoding", "UTF8"}, {"DateStyle", "ISO, MDY"},
            {"integer_datetimes", "on"}, {"standard_conforming_strings", "on"}, {"TimeZone", "UTC"}};
        for (String[] parameter : status) {
            byte[] payload = cString(parameter[0] + "\0" + parameter[1]);
            frames.writeByte('S');
            frames.writeInt(4 + payload.length);
            frames.write(payload);
        }
        frames.writeByte('K');
        frames.writeInt(12);
        frames.writeInt(4242);
        frames.writeInt(123456);
        frames.writeByte('Z');
        frames.writeInt(5);
        frames.writeByte('I');
        out.write(bytes.toByteArray());
        out.flush();
    }

    private static void sendError(DataOutputStream out, String sqlState, String message) throws IOException {
        byte[] fields = cString("SFATAL\0VFATAL\0C" + sqlState + "\0M" + message + "\0");
        out.writeByte('E');
        out.writeInt(4 + fields.length);
        out.write(fields);
        out.flush();
    }

    /** The UTF-8 bytes of {@code s} plus a terminating NUL. */
    private static byte[] cString(String s) {
        return (s + "\0").getBytes(UTF_8);
    }

    private static int indexOf(byte[] bytes, byte b) throws IOException {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IOException("missing NUL terminator");
    }

    private static int readInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF);
    }
}
