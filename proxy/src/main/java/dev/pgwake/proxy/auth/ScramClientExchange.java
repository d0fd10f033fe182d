package dev.pgwake.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The client side of one SASL SCRAM-SHA-256 exchange, for pgwake logging in to a PostgreSQL server
 * with configured credentials. Like libpq it sends an empty user name ({@code n,,n=,r=...}; the server
 * takes the user from the startup packet), never uses channel binding, and SASLpreps the password.
 *
 * <p>One instance per login attempt; not thread-safe. Calls out of order throw
 * {@link IllegalStateException}. Problems with the server's messages are
 * {@link AuthenticationException}s with SQLSTATE 08P01; a wrong server signature or a server error
 * ({@code e=}) is 28000.
 */
public final class ScramClientExchange {

    /** The largest iteration count accepted from a server; more would let it pin a CPU for long. */
    static final int MAX_ITERATIONS = 1_000_000;

    private static final String GS2_HEADER = "n,,";
    private static final String CHANNEL_BINDING = "c=biws"; // base64(GS2_HEADER)
    private static final int MAX_ERROR_LENGTH = 64;

    private enum State { INITIAL, AWAITING_SERVER_FIRST, AWAITING_SERVER_FINAL, SUCCEEDED, FAILED }

    private final byte[] password;
    private final String clientNonce;
    private final String clientFirstBare;
    private State state = State.INITIAL;
    private byte[] expectedServerSignature;

    /** @throws IllegalArgumentException if the password is empty (libpq refuses those too) */
    public ScramClientExchange(String password) {
        this(password, "", ScramServerExchange.randomNonce());
    }

    ScramClientExchange(String password, String user, String clientNonce) {
        Objects.requireNonNull(password, "password");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        if (!ScramMessageReader.isPrintableNonce(clientNonce)) {
            throw new IllegalArgumentException("nonce must be printable ASCII without ','");
        }
        this.password = ScramSecret.preparedPassword(password);
        this.clientNonce = clientNonce;
        this.clientFirstBare = "n=" + saslName(user) + ",r=" + clientNonce;
    }

    /** The client-first-message for SASLInitialResponse. */
    public byte[] clientFirstMessage() {
        requireState(State.INITIAL);
        transitionTo(State.AWAITING_SERVER_FIRST);
        return (GS2_HEADER + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    /** Consumes the server-first-message (AuthenticationSASLContinue) and returns the client-final-message. */
    public byte[] handleServerFirst(byte[] serverFirstMessage) throws AuthenticationException {
        requireState(State.AWAITING_SERVER_FIRST);
        try {
            byte[] clientFinal = answerServerFirst(serverFirstMessage);
            transitionTo(State.AWAITING_SERVER_FINAL);
            return clientFinal;
        } catch (AuthenticationException e) {
            transitionTo(State.FAILED);
            throw e;
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    /** Checks the server-final-message (AuthenticationSASLFinal): the server must know the password too. */
    public void verifyServerFinal(byte[] serverFinalMessage) throws AuthenticationException {
        requireState(State.AWAITING_SERVER_FINAL);
        try {
            checkServerFinal(serverFinalMessage);
            transitionTo(State.SUCCEEDED);
        } catch (AuthenticationException e) {
            transitionTo(State.FAILED);
            throw e;
        }
    }

    private byte[] answerServerFirst(byte[] message) throws AuthenticationException {
        ScramMessageReader reader = ScramMessageReader.of(message, "server-first-message",
                AuthenticationException.PROTOCOL_VIOLATION);
        if (reader.startsWith('m')) {
            throw reader.malformed("mandatory extensions are not supported");
        }
        String nonce = reader.read('r');
        byte[] salt = reader.readBase64('s');
        String iterationText = reader.read('i');
        while (!reader.atEnd()) {
            reader.readAny();
        }
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()
                || !ScramMessageReader.isPrintableNonce(nonce)) {
            throw reader.malformed("the nonce does not extend the client's nonce");
        }
        if (salt.length == 0) {
            throw reader.malformed("the salt is empty");
        }
        int iterations = parseIterations(iterationText, reader);

        byte[] saltedPassword = ScramFunctions.hi(password, salt, iterations);
        byte[] clientKey = ScramFunctions.clientKey(saltedPassword);
        byte[] storedKey = ScramFunctions.sha256(clientKey);
        String withoutProof = CHANNEL_BINDING + ",r=" + nonce;
        byte[] authMessage = (clientFirstBare + ',' + reader.text() + ',' + withoutProof)
                .getBytes(StandardCharsets.UTF_8);
        byte[] proof = ScramFunctions.xor(clientKey, ScramFunctions.hmac(storedKey, authMessage));
        expectedServerSignature = ScramFunctions.hmac(ScramFunctions.serverKey(saltedPassword), authMessage);
        Arrays.fill(saltedPassword, (byte) 0);
        Arrays.fill(clientKey, (byte) 0);
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
                .getBytes(StandardCharsets.UTF_8);
    }

    private void checkServerFinal(byte[] message) throws AuthenticationException {
        ScramMessageReader reader = ScramMessageReader.of(message, "server-final-message",
                AuthenticationException.PROTOCOL_VIOLATION);
        if (reader.startsWith('e')) {
            throw new AuthenticationException(AuthenticationException.INVALID_AUTHORIZATION,
                    "SCRAM authentication failed: the server reported \"" + printable(reader.read('e')) + "\"");
        }
        byte[] signature = reader.readBase64('v');
        while (!reader.atEnd()) {
            reader.readAny();
        }
        if (!MessageDigest.isEqual(signature, expectedServerSignature)) {
            throw new AuthenticationException(AuthenticationException.INVALID_AUTHORIZATION,
                    "incorrect SCRAM server signature: the server did not prove it knows the password");
        }
    }

    private static int parseIterations(String text, ScramMessageReader reader) throws AuthenticationException {
        boolean digits = !text.isEmpty() && text.length() <= 9
                && text.chars().allMatch(c -> c >= '0' && c <= '9');
        int iterations = digits ? Integer.parseInt(text) : -1;
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw reader.malformed("the iteration count must be between 1 and " + MAX_ITERATIONS);
        }
        return iterations;
    }

    /** RFC 5802 saslname: ',' and '=' escaped as =2C and =3D. */
    private static String saslName(String user) {
        return user.replace("=", "=3D").replace(",", "=2C");
    }

    private static String printable(String serverError) {
        String cut = serverError.length() > MAX_ERROR_LENGTH ? serverError.substring(0, MAX_ERROR_LENGTH) : serverError;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private void requireState(State expected) {
        if (state != expected) {
            throw new IllegalStateException("SCRAM exchange is " + state + ", not " + expected);
        }
    }

    private void transitionTo(State next) {
        state = next;
    }

    @Override
    public String toString() {
        return "ScramClientExchange[state=" + state + "]";
    }
}
