package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pgwake.proxy.auth.Md5Secret;
import dev.pgwake.proxy.auth.ScramSecret;
import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Clients authenticate to pgwake itself (users file), with pgjdbc; pgwake then logs in to the server as its
 * configured server user, so the server session belongs to that user whoever the client was.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ClientAuthTest {
    private static final int AUTHENTICATION_OK = 0;
    private static final int AUTHENTICATION_MD5 = 5;
    private static final int AUTHENTICATION_SASL = 10;

    private static Pgwake scram;
    private static Pgwake md5;
    private static Pgwake trust;

    @BeforeAll
    static void start() {
        String server = "server:\n  user: " + PostgresFixture.SUPERUSER + "\n";
        scram = Pgwake.start("auth:\n  method: scram-sha-256\n  users_file: " + Pgwake.usersFile(Map.of(
                "alice", ScramSecret.generate("alice's password").encode())) + "\n" + server);
        md5 = Pgwake.start("auth:\n  method: md5\n  users_file: " + Pgwake.usersFile(Map.of(
                "bob", Md5Secret.fromPassword("bob", "bob's password").encode())) + "\n" + server);
        trust = Pgwake.start("auth:\n  method: trust\n" + server);
    }

    @AfterAll
    static void stop() {
        for (Pgwake pgwake : new Pgwake[] {scram, md5, trust}) {
            if (pgwake != null) {
                pgwake.close();
            }
        }
    }

    @Test
    void scramClientLogsInAndTheServerSessionIsTheConfiguredServerUser() throws Exception {
        assertEquals(AUTHENTICATION_SASL, firstAuthenticationRequest(scram, "alice"));
        try (Connection connection = scram.connect(Pgwake.properties("alice", "alice's password"))) {
            assertEquals(PostgresFixture.SUPERUSER, Sql.one(connection, "select session_user"));
        }
    }

    @Test
    void scramWithAWrongPasswordFailsWith28P01() {
        ServerErrorMessage error = loginError(scram, "alice", "alice's passwort");
        assertEquals("28P01", error.getSQLState());
        assertEquals("FATAL", error.getSeverity());
        assertEquals("password authentication failed for user \"alice\"", error.getMessage());
    }

    @Test
    void unknownUserFailsExactlyLikeAWrongPassword() throws Exception {
        assertEquals(AUTHENTICATION_SASL, firstAuthenticationRequest(scram, "nobody"));
        ServerErrorMessage unknown = loginError(scram, "nobody", "alice's password");
        ServerErrorMessage wrong = loginError(scram, "alice", "nobody's password");
        assertEquals("28P01", unknown.getSQLState());
        assertEquals("password authentication failed for user \"nobody\"", unknown.getMessage());
        assertEquals(fields(wrong).toString().replace("alice", "USER"),
                fields(unknown).toString().replace("nobody", "USER"));
    }

    @Test
    void md5MethodWithAnMd5SecretAsksForMd5AndChecksIt() throws Exception {
        assertEquals(AUTHENTICATION_MD5, firstAuthenticationRequest(md5, "bob"));
        try (Connection connection = md5.connect(Pgwake.properties("bob", "bob's password"))) {
            assertEquals("1", Sql.one(connection, "select 1"));
        }
        ServerErrorMessage error = loginError(md5, "bob", "alice's password");
        assertEquals("28P01", error.getSQLState());
        assertEquals("password authentication failed for user \"bob\"", error.getMessage());
    }

    @Test
    void trustLetsAnyUserInWithoutAPassword() throws Exception {
        assertEquals(AUTHENTICATION_OK, firstAuthenticationRequest(trust, "anyone"));
        try (Connection connection = trust.connect(Pgwake.properties("anyone", null))) {
            assertEquals(PostgresFixture.SUPERUSER, Sql.one(connection, "select session_user"));
        }
    }

    /** The code of the first Authentication message pgwake sends a client named {@code user}. */
    private static int firstAuthenticationRequest(Pgwake pgwake, String user) throws Exception {
        try (RawClient client = new RawClient(pgwake.port())) {
            client.startup(Map.of("user", user, "database", "postgres"));
            RawClient.Message message = client.read();
            assertEquals('R', message.type(), "expected an Authentication message, got " + message.fields());
            return message.int32();
        }
    }

    private static ServerErrorMessage loginError(Pgwake pgwake, String user, String password) {
        SQLException e = assertThrows(SQLException.class,
                () -> pgwake.connect(Pgwake.properties(user, password)).close());
        ServerErrorMessage error = assertInstanceOf(PSQLException.class, e).getServerErrorMessage();
        assertEquals(e.getSQLState(), error == null ? null : error.getSQLState(), "not an error from pgwake: " + e);
        return error;
    }

    /** Severity, SQLSTATE, message, detail and hint: what a client sees of an error. */
    private static Map<String, String> fields(ServerErrorMessage error) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("severity", error.getSeverity());
        fields.put("sqlstate", error.getSQLState());
        fields.put("message", error.getMessage());
        fields.put("detail", error.getDetail());
        fields.put("hint", error.getHint());
        return fields;
    }
}
