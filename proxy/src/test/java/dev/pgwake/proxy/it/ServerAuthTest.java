package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pgwake logs in to the server with the passwords in its configuration ({@code server.passwords}), whatever
 * method the server's pg_hba.conf asks for: scram-sha-256, md5, password (cleartext) or trust. Clients are
 * trusted here; each client user is also the server user.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ServerAuthTest {
    private static Pgwake pgwake;

    @BeforeAll
    static void start() {
        pgwake = Pgwake.start("server:\n  passwords:\n"
                + "    " + PostgresFixture.SCRAM_USER + ": \"" + PostgresFixture.SCRAM_PASSWORD + "\"\n"
                + "    " + PostgresFixture.MD5_USER + ": \"" + PostgresFixture.MD5_PASSWORD + "\"\n"
                + "    " + PostgresFixture.CLEAR_USER + ": \"" + PostgresFixture.CLEAR_PASSWORD + "\"\n");
    }

    @AfterAll
    static void stop() {
        if (pgwake != null) {
            pgwake.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {PostgresFixture.SCRAM_USER, PostgresFixture.MD5_USER, PostgresFixture.CLEAR_USER,
        PostgresFixture.TRUST_USER})
    void logsInAsTheClientUserWithTheConfiguredPassword(String user) throws SQLException {
        try (Connection connection = pgwake.connect(Pgwake.properties(user, null))) {
            assertEquals(user, Sql.one(connection, "select session_user"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {PostgresFixture.SCRAM_USER, PostgresFixture.MD5_USER, PostgresFixture.CLEAR_USER})
    void aWrongConfiguredPasswordIsPgwakesLoginFailureNotTheClients(String user) {
        try (Pgwake wrong = Pgwake.start("server:\n  passwords:\n    " + user + ": \"not the password\"\n")) {
            SQLException e = assertThrows(SQLException.class,
                    () -> wrong.connect(Pgwake.properties(user, null)).close());
            assertEquals("08001", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("pgwake could not log in to branch \"main\""), e.getMessage());
            assertTrue(e.getMessage().contains("password authentication failed for user \"" + user + "\""),
                    e.getMessage());
        }
    }

    @Test
    void noConfiguredPasswordIsPgwakesLoginFailureNamingTheSetting() {
        try (Pgwake none = Pgwake.start("")) {
            // the client's own password is never replayed to the server, so it does not help here
            Properties client = Pgwake.properties(PostgresFixture.SCRAM_USER, PostgresFixture.SCRAM_PASSWORD);
            SQLException e = assertThrows(SQLException.class, () -> none.connect(client).close());
            assertEquals("08001", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("pgwake has no password for that user"), e.getMessage());
            assertTrue(e.getMessage().contains("server.passwords"), e.getMessage());
        }
    }
}
