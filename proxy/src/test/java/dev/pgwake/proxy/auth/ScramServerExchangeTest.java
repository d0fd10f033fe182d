package dev.pgwake.proxy.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScramServerExchangeTest {

    private static final String FAILED = "password authentication failed for user \"alice\"";
    private static final UserSalts SALTS = new UserSalts(new byte[] {42});

    @Test
    void clientAndServerAgreeWithAStoredScramSecret() throws AuthenticationException {
        ScramServerExchange server = ScramServerExchange.forUser("alice",
                Optional.of(ScramSecret.generate("correct horse")), SALTS);

        login(new ScramClientExchange("correct horse"), server);

        assertTrue(server.succeeded());
    }

    @Test
    void clientAndServerAgreeWithAPlainSecretIncludingNonAscii() throws AuthenticationException {
        ScramServerExchange server = ScramServerExchange.forUser("alice",
                Optional.of(new PlainSecret("p\u00E4ss\u00A0w\u00F6rd")), SALTS);

        login(new ScramClientExchange("p\u00E4ss w\u00F6rd"), server);

        assertTrue(server.succeeded());
    }

    @Test
    void wrongPasswordFailsWith28P01AtClientFinal() throws AuthenticationException {
        ScramServerExchange server = ScramServerExchange.forUser("alice",
                Optional.of(ScramSecret.generate("right")), SALTS);
        ScramClientExchange client = new ScramClientExchange("wrong");
        byte[] clientFinal = client.handleServerFirst(server.handleClientFirst(client.clientFirstMessage()));

        assertPasswordFailed(() -> server.handleClientFinal(clientFinal));
        assertFalse(server.succeeded());
    }

    @Test
    void mockExchangesLookRealAndFailOnlyAtClientFinalWithTheSameMessage() throws AuthenticationException {
        for (Optional<Secret> stored : java.util.List.<Optional<Secret>>of(Optional.empty(),
                Optional.of(Md5Secret.fromPassword("alice", "pw")), Optional.of(new PlainSecret("")))) {
            ScramServerExchange server = ScramServerExchange.forUser("alice", stored, SALTS);
            ScramClientExchange client = new ScramClientExchange("pw");

            byte[] serverFirst = server.handleClientFirst(client.clientFirstMessage());
            assertTrue(new String(serverFirst, UTF_8).matches("r=[^,]+,s=[A-Za-z0-9+/]{22}==,i=4096"));
            byte[] clientFinal = client.handleServerFirst(serverFirst);

            assertPasswordFailed(() -> server.handleClientFinal(clientFinal));
        }
    }

    @Test
    void mockSaltIsStablePerUserAndDiffersBetweenUsers() throws AuthenticationException {
        String first = saltOf(ScramServerExchange.forUser("ghost", Optional.empty(), SALTS));
        String second = saltOf(ScramServerExchange.forUser("ghost", Optional.empty(), SALTS));
        String other = saltOf(ScramServerExchange.forUser("phantom", Optional.empty(), SALTS));
        String otherProcess = saltOf(ScramServerExchange.forUser("ghost", Optional.empty(), new UserSalts()));

        assertEquals(first, second);
        assertNotEquals(first, other);
        assertNotEquals(first, otherProcess);
    }

    @Test
    void aDoomedExchangeFailsEvenWithTheRightPassword() throws AuthenticationException {
        ScramSecret secret = ScramSecret.fromPassword("pw", new byte[] {1, 2, 3}, 4096);
        ScramServerExchange honest = new ScramServerExchange("alice", secret, false, "SERVERNONCE");
        ScramServerExchange doomed = new ScramServerExchange("alice", secret, true, "SERVERNONCE");

        login(new ScramClientExchange("pw", "", "abc"), honest);

        ScramClientExchange client = new ScramClientExchange("pw", "", "abc");
        byte[] clientFinal = client.handleServerFirst(doomed.handleClientFirst(client.clientFirstMessage()));
        assertPasswordFailed(() -> doomed.handleClientFinal(clientFinal));
    }

    @Test
    void userNameInClientFirstIsIgnored() throws AuthenticationException {
        ScramServerExchange server = ScramServerExchange.forUser("alice", Optional.of(ScramSecret.generate("pw")), SALTS);
        ScramClientExchange client = new ScramClientExchange("pw", "somebody,else=", "clientnonce");

        login(client, server);

        assertTrue(server.succeeded());
    }

    @Test
    void independentlyComputedProofReproducesTheRfc() {
        assertEquals(Rfc7677VectorTest.CLIENT_FINAL, new String(ScramTestMessages.rfcClientFinal("biws"), UTF_8));
        assertEquals(Rfc7677VectorTest.SERVER_FINAL, ScramTestMessages.rfcServerFinal("biws"));
    }

    @Test
    void gs2FlagYIsAcceptedWithItsOwnChannelBindingEcho() throws AuthenticationException {
        ScramServerExchange server = rfcServerWith("y,,");

        byte[] serverFinal = server.handleClientFinal(ScramTestMessages.rfcClientFinal("eSws"));

        assertEquals(ScramTestMessages.rfcServerFinal("eSws"), new String(serverFinal, UTF_8));
        assertTrue(server.succeeded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"n,,|eSws", "y,,|biws", "n,,|cD10bHMtc2VydmVyLWVuZC1wb2ludCwsAAAA", "n,,|"})
    void wrongChannelBindingEchoFailsLikeAWrongPassword(String headerAndEcho) throws AuthenticationException {
        String[] parts = headerAndEcho.split("\\|", -1);
        ScramServerExchange server = rfcServerWith(parts[0]);

        assertPasswordFailed(() -> server.handleClientFinal(ScramTestMessages.rfcClientFinal(parts[1])),
                "user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k1", "rOprNGfwEbeRWgbNEkqO",
        "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0x", "X"})
    void tamperedNonceFailsLikeAWrongPasswordEvenWithAConsistentProof(String nonce) throws AuthenticationException {
        ScramServerExchange server = rfcServerWith("n,,");

        assertPasswordFailed(() -> server.handleClientFinal(ScramTestMessages.rfcClientFinal("biws", nonce)), "user");
    }

    @Test
    void tamperedProofFailsLikeAWrongPassword() throws AuthenticationException {
        ScramServerExchange server = new ScramServerExchange("user", Rfc7677VectorTest.rfcSecret(), false,
                Rfc7677VectorTest.SERVER_NONCE);
        server.handleClientFirst(Rfc7677VectorTest.CLIENT_FIRST.getBytes(UTF_8));
        String tampered = Rfc7677VectorTest.CLIENT_FINAL.replace("p=dHzb", "p=dHzc");

        assertPasswordFailed(() -> server.handleClientFinal(tampered.getBytes(UTF_8)), "user");
    }

    @Test
    void channelBindingRequestIsRejectedAt28000() {
        ScramServerExchange server = ScramServerExchange.forUser("alice", Optional.empty(), SALTS);

        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> server.handleClientFirst("p=tls-server-end-point,,n=,r=abc".getBytes(UTF_8)));

        assertEquals("28000", e.sqlState());
        assertTrue(e.getMessage().contains("channel binding"), e.getMessage());
    }

    @Test
    void callsOutOfOrderAreProgrammingErrors() throws AuthenticationException {
        ScramServerExchange server = ScramServerExchange.forUser("alice", Optional.empty(), SALTS);
        assertThrows(IllegalStateException.class, () -> server.handleClientFinal("c=biws".getBytes(UTF_8)));
        assertThrows(AuthenticationException.class, () -> server.handleClientFirst("x".getBytes(UTF_8)));
        assertThrows(IllegalStateException.class, () -> server.handleClientFirst("n,,n=,r=a".getBytes(UTF_8)));
    }

    @Test
    void toStringShowsNoSecret() {
        ScramServerExchange server = ScramServerExchange.forUser("alice", Optional.empty(), SALTS);

        assertEquals("ScramServerExchange[user=alice, state=AWAITING_CLIENT_FIRST]", server.toString());
    }

    static void login(ScramClientExchange client, ScramServerExchange server) throws AuthenticationException {
        byte[] serverFirst = server.handleClientFirst(client.clientFirstMessage());
        byte[] serverFinal = server.handleClientFinal(client.handleServerFirst(serverFirst));
        client.verifyServerFinal(serverFinal);
    }

    private static ScramServerExchange rfcServerWith(String gs2Header) throws AuthenticationException {
        ScramServerExchange server = new ScramServerExchange("user", Rfc7677VectorTest.rfcSecret(), false,
                Rfc7677VectorTest.SERVER_NONCE);
        String clientFirst = gs2Header + Rfc7677VectorTest.CLIENT_FIRST.substring(3);
        assertEquals(Rfc7677VectorTest.SERVER_FIRST, new String(server.handleClientFirst(clientFirst.getBytes(UTF_8)), UTF_8));
        return server;
    }

    private static String saltOf(ScramServerExchange server) throws AuthenticationException {
        String serverFirst = new String(server.handleClientFirst("n,,n=,r=abc".getBytes(UTF_8)), UTF_8);
        return serverFirst.split(",")[1];
    }

    private static void assertPasswordFailed(org.junit.jupiter.api.function.Executable step) {
        assertPasswordFailed(step, "alice");
    }

    private static void assertPasswordFailed(org.junit.jupiter.api.function.Executable step, String user) {
        AuthenticationException e = assertThrows(AuthenticationException.class, step);
        assertEquals("28P01", e.sqlState());
        assertEquals("password authentication failed for user \"" + user + "\"", e.getMessage());
    }
}
