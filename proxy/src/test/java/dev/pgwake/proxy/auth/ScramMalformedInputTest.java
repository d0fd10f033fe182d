package dev.pgwake.proxy.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed input of every kind is an AuthenticationException, never any other exception. */
class ScramMalformedInputTest {

    private static final String NONCE = Rfc7677VectorTest.CLIENT_NONCE + Rfc7677VectorTest.SERVER_NONCE;
    private static final String PROOF = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";

    @ParameterizedTest
    @ValueSource(strings = {
        "", "n", "n,", "n,,", "n,,n=", "n,,n=,", "n,,n=,r=", "n,,r=abc", "n,,n=user", "x,,n=,r=abc", "nn,,n=,r=abc",
        "n=,r=abc", ",,n=,r=abc", "n,a=bob,n=,r=abc", "n,,m=ext,n=,r=abc", "n,,n=,r=ab c", "n,,n=,r=abc,",
        "n,,n=,r=abc,1=x", "n,,n=,r=abc,=x", "n,,n=,r=abc,xyz", "n,,n=,r=\u00E9", "n;,n=,r=abc", "y", "y,", "p", "p,,n=,r=abc",
        "n,,n=,r=a\u0000bc",
    })
    void malformedClientFirstIs28000(String message) {
        ScramServerExchange server = rfcServer();

        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> server.handleClientFirst(message.getBytes(UTF_8)));

        assertEquals("28000", e.sqlState());
        assertFalse(server.succeeded());
    }

    @Test
    void invalidUtf8Is28000() {
        byte[] message = "n,,n=\u00FF,r=abc".getBytes(UTF_8);
        message[5] = (byte) 0xFF;

        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> rfcServer().handleClientFirst(message));

        assertEquals("28000", e.sqlState());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "c=biws", "c=biws,r=" + NONCE, "c=biws,r=" + NONCE + ",p=", "c=biws,r=" + NONCE + ",p=!!!!",
        "c=biws,r=" + NONCE + ",p=AAAA", "c=biws,r=" + NONCE + ",p=" + PROOF + ",x=1",
        "c=biws,r=" + NONCE + ",p=" + PROOF + ",", "r=" + NONCE + ",c=biws,p=" + PROOF, "p=" + PROOF,
        "c=biws,p=" + PROOF, "c=biws,r=" + NONCE + ",,p=" + PROOF, "c=biws,r=" + NONCE + ",p=" + PROOF + "==",
        "c=biws,r=" + NONCE + ",P=" + PROOF,
    })
    void malformedClientFinalIs28000(String message) throws AuthenticationException {
        ScramServerExchange server = rfcServer();
        server.handleClientFirst(Rfc7677VectorTest.CLIENT_FIRST.getBytes(UTF_8));

        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> server.handleClientFinal(message.getBytes(UTF_8)));

        assertEquals("28000", e.sqlState());
    }

    @Test
    void clientFinalExtensionsBeforeTheProofAreAllowed() throws AuthenticationException {
        ScramServerExchange server = rfcServer();
        server.handleClientFirst(Rfc7677VectorTest.CLIENT_FIRST.getBytes(UTF_8));
        String withExtension = "c=biws,r=" + NONCE + ",x=ext";
        String authMessage = Rfc7677VectorTest.CLIENT_FIRST.substring(3) + ',' + Rfc7677VectorTest.SERVER_FIRST
                + ',' + withExtension;
        byte[] proof = ScramTestMessages.proof("pencil", Rfc7677VectorTest.SALT, 4096, authMessage);

        server.handleClientFinal((withExtension + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(UTF_8));
    }

    @Test
    void randomlyMutatedMessagesNeverEscapeAsOtherExceptions() {
        Random random = new Random(20240501L);
        for (int i = 0; i < 1500; i++) {
            byte[] clientFirst = mutate(Rfc7677VectorTest.CLIENT_FIRST, random);
            byte[] clientFinal = mutate(Rfc7677VectorTest.CLIENT_FINAL, random);
            byte[] serverFirst = mutate(Rfc7677VectorTest.SERVER_FIRST, random);
            byte[] serverFinal = mutate(Rfc7677VectorTest.SERVER_FINAL, random);
            onlyAuthenticationExceptions(() -> rfcServer().handleClientFirst(clientFirst), clientFirst);
            onlyAuthenticationExceptions(() -> {
                ScramServerExchange server = rfcServer();
                server.handleClientFirst(Rfc7677VectorTest.CLIENT_FIRST.getBytes(UTF_8));
                server.handleClientFinal(clientFinal);
            }, clientFinal);
            onlyAuthenticationExceptions(() -> rfcClient().handleServerFirst(serverFirst), serverFirst);
            onlyAuthenticationExceptions(() -> {
                ScramClientExchange client = rfcClient();
                client.handleServerFirst(Rfc7677VectorTest.SERVER_FIRST.getBytes(UTF_8));
                client.verifyServerFinal(serverFinal);
            }, serverFinal);
        }
    }

    private interface Step {
        void run() throws AuthenticationException;
    }

    private static void onlyAuthenticationExceptions(Step step, byte[] input) {
        try {
            step.run();
        } catch (AuthenticationException expected) {
            // the only acceptable failure
        } catch (RuntimeException e) {
            fail("input " + Arrays.toString(input) + " escaped as " + e, e);
        }
    }

    /** One to three random edits: replace, insert or delete a byte, or truncate. */
    private static byte[] mutate(String message, Random random) {
        byte[] bytes = message.getBytes(UTF_8);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            byte b = interestingByte(random);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = b;
                case 1 -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = b;
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
                case 2 -> {
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                    bytes = shorter;
                }
                default -> bytes = Arrays.copyOf(bytes, at);
            }
        }
        return bytes;
    }

    private static byte interestingByte(Random random) {
        byte[] interesting = {',', '=', 'p', 'r', 'c', 'v', 'e', 'i', 's', 'm', '0', '9', 0, (byte) 0xC3, (byte) 0xFF, ' '};
        return random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt(256);
    }

    private static ScramServerExchange rfcServer() {
        return new ScramServerExchange("user", Rfc7677VectorTest.rfcSecret(), false, Rfc7677VectorTest.SERVER_NONCE);
    }

    private static ScramClientExchange rfcClient() {
        ScramClientExchange client = new ScramClientExchange("pencil", "user", Rfc7677VectorTest.CLIENT_NONCE);
        client.clientFirstMessage();
        return client;
    }
}
