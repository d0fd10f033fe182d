package dev.pgwake.proxy.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The SCRAM-SHA-256 example exchange of RFC 7677 section 3, byte for byte, on both sides. */
class Rfc7677VectorTest {

    static final String USER = "user";
    static final String PASSWORD = "pencil";
    static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");

    static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    /**
     * As printed in RFC 7677 and recomputed with Python's hashlib/hmac. (A copy of the vector that
     * ends "...wtup+mBhUq4FZvKrT5Q3jZpzYg2Y=" is corrupted: HMAC outputs do not share prefixes.)
     */
    static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    /**
     * StoredKey and ServerKey for "pencil" with the RFC's salt and 4096 iterations, computed outside
     * this code base (Python's hashlib.pbkdf2_hmac and hmac). The server test below also proves them:
     * only these keys accept the RFC's proof and yield the RFC's server signature.
     */
    static final String RFC_SECRET = "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$"
            + "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=";

    static ScramSecret rfcSecret() {
        return (ScramSecret) Secret.parse(USER, RFC_SECRET);
    }

    @Test
    void clientProducesTheRfcMessages() throws AuthenticationException {
        ScramClientExchange client = new ScramClientExchange(PASSWORD, USER, CLIENT_NONCE);

        assertEquals(CLIENT_FIRST, new String(client.clientFirstMessage(), UTF_8));
        assertEquals(CLIENT_FINAL, new String(client.handleServerFirst(SERVER_FIRST.getBytes(UTF_8)), UTF_8));
        assertDoesNotThrow(() -> client.verifyServerFinal(SERVER_FINAL.getBytes(UTF_8)));
    }

    @Test
    void serverProducesTheRfcMessages() throws AuthenticationException {
        ScramServerExchange server = new ScramServerExchange(USER, rfcSecret(), false, SERVER_NONCE);

        assertEquals(SERVER_FIRST, new String(server.handleClientFirst(CLIENT_FIRST.getBytes(UTF_8)), UTF_8));
        assertEquals(SERVER_FINAL, new String(server.handleClientFinal(CLIENT_FINAL.getBytes(UTF_8)), UTF_8));
        assertTrue(server.succeeded());
    }

    @Test
    void secretFromPasswordHasTheRfcKeys() {
        ScramSecret secret = ScramSecret.fromPassword(PASSWORD, SALT, 4096);

        assertEquals(RFC_SECRET, secret.encode());
        assertEquals(rfcSecret(), secret);
        assertArrayEquals(SALT, secret.salt());
    }
}
