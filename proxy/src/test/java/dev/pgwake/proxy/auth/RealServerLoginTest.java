package dev.pgwake.proxy.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * This package's client side logs in to a real PostgreSQL server (SCRAM-SHA-256 and MD5), and its
 * secrets match what that server stores. Uses the shared {@link PostgresFixture} cluster; skipped where
 * PostgreSQL is not installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RealServerLoginTest {

    private static final String INTL_USER = "intl_user";
    private static final String INTL_PASSWORD = "p\u00E4ss\u00A0w\u00F6rd\u00AD \u2163";
    private static PostgresFixture postgres;

    @BeforeAll
    static void createRoles() {
        postgres = PostgresFixture.shared();
        postgres.createScramRole(INTL_USER, INTL_PASSWORD);
    }

    @Test
    void scramLoginSucceedsAndTheServerSignatureVerifies() throws Exception {
        assertEquals("ok", login(PostgresFixture.SCRAM_USER, PostgresFixture.SCRAM_PASSWORD));
        assertEquals("ok", login(INTL_USER, INTL_PASSWORD));
    }

    @Test
    void scramWithAWrongPasswordIsRefusedByTheServer() throws Exception {
        assertEquals("28P01", login(PostgresFixture.SCRAM_USER, "wrong"));
        assertEquals("28P01", login(INTL_USER, "p\u00E4ss w\u00F6rd"));
    }

    @Test
    void md5LoginSucceedsOrIsRefused() throws Exception {
        assertEquals("ok", login(PostgresFixture.MD5_USER, PostgresFixture.MD5_PASSWORD));
        assertEquals("28P01", login(PostgresFixture.MD5_USER, "wrong"));
    }

    @Test
    void secretsMatchWhatPostgresqlStores() throws Exception {
        ScramSecret stored = (ScramSecret) Secret.parse(INTL_USER,
                postgres.sql("SELECT rolpassword FROM pg_authid WHERE rolname = '" + INTL_USER + "'"));
        Secret md5 = Secret.parse(PostgresFixture.MD5_USER,
                postgres.sql("SELECT rolpassword FROM pg_authid WHERE rolname = '" + PostgresFixture.MD5_USER + "'"));

        assertEquals(stored, ScramSecret.fromPassword(INTL_PASSWORD, stored.salt(), stored.iterations()));
        assertEquals(Md5Secret.fromPassword(PostgresFixture.MD5_USER, PostgresFixture.MD5_PASSWORD), md5);
    }

    /** Logs in over TCP; "ok" once ReadyForQuery arrives, else the ErrorResponse's SQLSTATE. */
    private static String login(String user, String password) throws IOException, AuthenticationException {
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", postgres.port()))) {
            DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            sendStartup(out, user);
            ScramClientExchange scram = new ScramClientExchange(password);
            while (true) {
                int type = in.readUnsignedByte();
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                if (type == 'E') {
                    return field(body, 'C');
                } else if (type == 'Z') {
                    return "ok";
                } else if (type == 'R') {
                    authenticate(body, user, password, scram, out);
                }
            }
        }
    }

    private static void authenticate(byte[] body, String user, String password, ScramClientExchange scram,
            DataOutputStream out) throws IOException, AuthenticationException {
        int code = ((body[0] & 0xFF) << 24) | ((body[1] & 0xFF) << 16) | ((body[2] & 0xFF) << 8) | (body[3] & 0xFF);
        byte[] data = Arrays.copyOfRange(body, 4, body.length);
        switch (code) {
            case 0 -> { }
            case 5 -> send(out, 'p', (Md5Challenge.md5Response(user, password, data) + "\0").getBytes(UTF_8));
            case 10 -> {
                assertEquals("SCRAM-SHA-256\0\0", new String(data, UTF_8));
                byte[] first = scram.clientFirstMessage();
                ByteArrayOutputStream initial = new ByteArrayOutputStream();
                DataOutputStream initialData = new DataOutputStream(initial);
                initialData.write(("SCRAM-SHA-256\0").getBytes(UTF_8));
                initialData.writeInt(first.length);
                initialData.write(first);
                send(out, 'p', initial.toByteArray());
            }
            case 11 -> send(out, 'p', scram.handleServerFirst(data));
            case 12 -> scram.verifyServerFinal(data);
            default -> throw new IOException("unexpected authentication request " + code);
        }
    }

    private static void sendStartup(DataOutputStream out, String user) throws IOException {
        byte[] parameters = ("user\0" + user + "\0database\0postgres\0\0").getBytes(UTF_8);
        out.writeInt(8 + parameters.length);
        out.writeInt(3 << 16);
        out.write(parameters);
        out.flush();
    }

    private static void send(DataOutputStream out, char type, byte[] payload) throws IOException {
        out.writeByte(type);
        out.writeInt(4 + payload.length);
        out.write(payload);
        out.flush();
    }

    private static String field(byte[] errorBody, char code) {
        for (String field : new String(errorBody, UTF_8).split("\0")) {
            if (!field.isEmpty() && field.charAt(0) == code) {
                return field.substring(1);
            }
        }
        return "?";
    }
}
