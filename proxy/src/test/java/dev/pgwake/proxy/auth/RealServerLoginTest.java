package dev.pgwake.proxy.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * This package's client side logs in to a real PostgreSQL server (SCRAM-SHA-256 and MD5), and its
 * secrets match what that server stores. Skipped where PostgreSQL is not installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RealServerLoginTest {

    private static final String INTL_PASSWORD = "p\u00E4ss\u00A0w\u00F6rd\u00AD \u2163";
    private static LocalPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        Optional<Path> bin = LocalPostgres.findBin();
        assumeTrue(bin.isPresent(), "PostgreSQL binaries are not installed");
        postgres = LocalPostgres.start(bin.get(), String.join("\n",
                "local all postgres trust",
                "local all md5_user md5",
                "local all all scram-sha-256", ""));
        postgres.psql("SET password_encryption = 'scram-sha-256';"
                + "CREATE ROLE scram_user LOGIN PASSWORD 's3cret';"
                + "CREATE ROLE intl_user LOGIN PASSWORD '" + INTL_PASSWORD + "';"
                + "SET password_encryption = 'md5';"
                + "CREATE ROLE md5_user LOGIN PASSWORD 's3cret';");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void scramLoginSucceedsAndTheServerSignatureVerifies() throws Exception {
        assertEquals("ok", login("scram_user", "s3cret"));
        assertEquals("ok", login("intl_user", INTL_PASSWORD));
    }

    @Test
    void scramWithAWrongPasswordIsRefusedByTheServer() throws Exception {
        assertEquals("28P01", login("scram_user", "wrong"));
        assertEquals("28P01", login("intl_user", "p\u00E4ss w\u00F6rd"));
    }

    @Test
    void md5LoginSucceedsOrIsRefused() throws Exception {
        assertEquals("ok", login("md5_user", "s3cret"));
        assertEquals("28P01", login("md5_user", "wrong"));
    }

    @Test
    void secretsMatchWhatPostgresqlStores() throws Exception {
        ScramSecret stored = (ScramSecret) Secret.parse("intl_user",
                postgres.psql("SELECT rolpassword FROM pg_authid WHERE rolname = 'intl_user'"));
        Secret md5 = Secret.parse("md5_user", postgres.psql("SELECT rolpassword FROM pg_authid WHERE rolname = 'md5_user'"));

        assertEquals(stored, ScramSecret.fromPassword(INTL_PASSWORD, stored.salt(), stored.iterations()));
        assertEquals(Md5Secret.fromPassword("md5_user", "s3cret"), md5);
    }

    /** Logs in over the Unix socket; "ok" once ReadyForQuery arrives, else the ErrorResponse's SQLSTATE. */
    private static String login(String user, String password) throws IOException, AuthenticationException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(postgres.socket()))) {
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
