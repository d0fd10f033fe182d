package dev.pgwake.proxy.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScramClientExchangeTest {

    private static final String NONCE = Rfc7677VectorTest.CLIENT_NONCE;

    @Test
    void clientFirstHasAnEmptyUserNameAndARandomNonceLikeLibpq() {
        String first = new String(new ScramClientExchange("pw").clientFirstMessage(), UTF_8);
        String second = new String(new ScramClientExchange("pw").clientFirstMessage(), UTF_8);

        assertTrue(first.matches("n,,n=,r=[A-Za-z0-9+/]{24}"), first);
        assertTrue(!first.equals(second));
    }

    @Test
    void userNamesAreEscapedAsSaslNames() {
        String first = new String(new ScramClientExchange("pw", "a=b,c", "xyz").clientFirstMessage(), UTF_8);

        assertEquals("n,,n=a=3Db=2Cc,r=xyz", first);
    }

    @Test
    void emptyPasswordsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ScramClientExchange(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "r=someoneElsesNonce123,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        "r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        "r=rOprNGfwEbeRWgbNEkqOextra nonce,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        "r=rOprNGfwEbeRWgbNEkqOx,s=,i=4096",
        "r=rOprNGfwEbeRWgbNEkqOx,s=***,i=4096",
        "r=rOprNGfwEbeRWgbNEkqOx,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0",
        "r=rOprNGfwEbeRWgbNEkqOx,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=-1",
        "r=rOprNGfwEbeRWgbNEkqOx,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1000001",
        "r=rOprNGfwEbeRWgbNEkqOx,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=99999999999999999999",
        "r=rOprNGfwEbeRWgbNEkqOx,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4k",
        "r=rOprNGfwEbeRWgbNEkqOx,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=",
        "r=rOprNGfwEbeRWgbNEkqOx,s=W22ZaJ0SNY7soEsUEjb6gQ==",
        "r=rOprNGfwEbeRWgbNEkqOx,i=4096,s=W22ZaJ0SNY7soEsUEjb6gQ==",
        "m=ext,r=rOprNGfwEbeRWgbNEkqOx,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        "r=rOprNGfwEbeRWgbNEkqOx,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,",
        "e=other-error",
        "",
    })
    void unacceptableServerFirstIsA08P01ProtocolViolation(String serverFirst) {
        ScramClientExchange client = started();

        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> client.handleServerFirst(serverFirst.getBytes(UTF_8)));

        assertEquals("08P01", e.sqlState());
        assertThrows(IllegalStateException.class, () -> client.verifyServerFinal("v=".getBytes(UTF_8)));
    }

    @Test
    void iterationBoundsAreInclusive() throws AuthenticationException {
        ScramClientExchange client = started();

        client.handleServerFirst("r=rOprNGfwEbeRWgbNEkqOx,s=AAAA,i=1,x=extension ignored".getBytes(UTF_8));
    }

    @Test
    void serverErrorIsReported() throws AuthenticationException {
        ScramClientExchange client = afterServerFirst();

        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> client.verifyServerFinal("e=invalid-proof".getBytes(UTF_8)));

        assertEquals("28000", e.sqlState());
        assertTrue(e.getMessage().contains("\"invalid-proof\""), e.getMessage());
    }

    @Test
    void wrongServerSignatureIsRejected() throws AuthenticationException {
        ScramClientExchange client = afterServerFirst();
        String forged = Rfc7677VectorTest.SERVER_FINAL.replace("v=6r", "v=6s");

        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> client.verifyServerFinal(forged.getBytes(UTF_8)));

        assertEquals("28000", e.sqlState());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v=", "v=***", "x=6rriTRBi23WpRR/wtup+mBhUq4FZvKrT5Q3jZpzYg2Y=", "v=6rriTRBi23WpRR/wtup+mBhUq4FZvKrT5Q3jZpzYg2Y=,"})
    void malformedServerFinalIsRejected(String serverFinal) throws AuthenticationException {
        ScramClientExchange client = afterServerFirst();

        assertThrows(AuthenticationException.class, () -> client.verifyServerFinal(serverFinal.getBytes(UTF_8)));
    }

    @Test
    void serverFinalWithExtensionsIsAccepted() throws AuthenticationException {
        afterServerFirst().verifyServerFinal((Rfc7677VectorTest.SERVER_FINAL + ",x=1").getBytes(UTF_8));
    }

    @Test
    void callsOutOfOrderAreProgrammingErrors() throws AuthenticationException {
        ScramClientExchange client = new ScramClientExchange("pw");
        assertThrows(IllegalStateException.class,
                () -> client.handleServerFirst(Rfc7677VectorTest.SERVER_FIRST.getBytes(UTF_8)));
        client.clientFirstMessage();
        assertThrows(IllegalStateException.class, client::clientFirstMessage);
        assertThrows(IllegalStateException.class, () -> client.verifyServerFinal("v=".getBytes(UTF_8)));
    }

    private static ScramClientExchange started() {
        ScramClientExchange client = new ScramClientExchange(Rfc7677VectorTest.PASSWORD, "user", NONCE);
        client.clientFirstMessage();
        return client;
    }

    private static ScramClientExchange afterServerFirst() throws AuthenticationException {
        ScramClientExchange client = started();
        client.handleServerFirst(Rfc7677VectorTest.SERVER_FIRST.getBytes(UTF_8));
        return client;
    }
}
