package dev.pgwake.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The server side of one SASL SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) as PostgreSQL's backend
 * runs it: no channel binding (gs2 flags {@code n} and {@code y} only), no authorization identity,
 * and the user name in the client-first-message ignored in favour of the startup packet's.
 *
 * <p>Accepting gs2 flag {@code y} is right only while pgwake never advertises SCRAM-SHA-256-PLUS; if it
 * ever does (over TLS), {@code y} must be refused as a downgrade, as PostgreSQL does.
 *
 * <p>An unknown user, or one whose secret cannot serve SCRAM (an MD5 hash, an empty password), gets a
 * mock exchange that is indistinguishable from a real one until the client-final-message, where it
 * fails with the same error as a wrong password.
 *
 * <p>One instance per authentication attempt; not thread-safe (use it from the session's event
 * loop). Calls out of order are programming errors and throw {@link IllegalStateException}.
 */
public final class ScramServerExchange {

    /** The mechanism name for AuthenticationSASL and SASLInitialResponse. */
    public static final String MECHANISM = "SCRAM-SHA-256";

    /** PostgreSQL's {@code SCRAM_RAW_NONCE_LEN}: random bytes in the server's nonce part. */
    private static final int NONCE_BYTES = 18;
    /** base64("n,,"): the client does not support channel binding. */
    private static final String CHANNEL_BINDING_NONE = "biws";
    /** base64("y,,"): the client supports channel binding but thinks the server does not. */
    private static final String CHANNEL_BINDING_UNUSED = "eSws";

    private enum State { AWAITING_CLIENT_FIRST, AWAITING_CLIENT_FINAL, SUCCEEDED, FAILED }

    private final String user;
    private final ScramSecret secret;
    private final boolean doomed;
    private final String serverNonce;
    private State state = State.AWAITING_CLIENT_FIRST;
    private String expectedChannelBinding;
    private String nonce;
    private String clientFirstBare;
    private String serverFirst;

    /** An exchange for {@code user} whose stored secret is {@code secret}. */
    public ScramServerExchange(String user, ScramSecret secret) {
        this(user, secret, false, randomNonce());
    }

    ScramServerExchange(String user, ScramSecret secret, boolean doomed, String serverNonce) {
        this.user = Objects.requireNonNull(user, "user");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.doomed = doomed;
        this.serverNonce = Objects.requireNonNull(serverNonce, "serverNonce");
        if (!ScramMessageReader.isPrintableNonce(serverNonce)) {
            throw new IllegalArgumentException("nonce must be printable ASCII without ','");
        }
    }

    /**
     * The exchange for {@code user} given what the users file holds: a SCRAM secret is used as is; a
     * plain password is turned into a SCRAM secret with the user's stable salt (this runs Hi(),
     * 4096 HMACs, right here); anything else (absent, MD5, empty password) gets a mock exchange that
     * always fails at the client-final-message.
     */
    public static ScramServerExchange forUser(String user, Optional<Secret> stored, UserSalts salts) {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(salts, "salts");
        Secret secret = stored.orElse(null);
        if (secret instanceof ScramSecret scram) {
            return new ScramServerExchange(user, scram);
        }
        if (secret instanceof PlainSecret plain && !plain.password().isEmpty()) {
            return new ScramServerExchange(user, salts.scramSecretFor(user, plain));
        }
        return new ScramServerExchange(user, salts.mockSecretFor(user), true, randomNonce());
    }

    /** Consumes the client-first-message and returns the server-first-message. */
    public byte[] handleClientFirst(byte[] clientFirstMessage) throws AuthenticationException {
        requireState(State.AWAITING_CLIENT_FIRST);
        try {
            String clientNonce = readClientFirst(clientFirstMessage);
            nonce = clientNonce + serverNonce;
            serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(secret.salt())
                    + ",i=" + secret.iterations();
            transitionTo(State.AWAITING_CLIENT_FINAL);
            return serverFirst.getBytes(StandardCharsets.UTF_8);
        } catch (AuthenticationException e) {
            transitionTo(State.FAILED);
            throw e;
        }
    }

    /**
     * Consumes the client-final-message and returns the server-final-message ({@code v=...}) to send
     * with AuthenticationSASLFinal. A wrong proof, nonce or channel-binding echo, and every mock
     * exchange, fail with 28P01 "password authentication failed for user ...".
     */
    public byte[] handleClientFinal(byte[] clientFinalMessage) throws AuthenticationException {
        requireState(State.AWAITING_CLIENT_FINAL);
        try {
            byte[] serverFinal = verifyClientFinal(clientFinalMessage);
            transitionTo(State.SUCCEEDED);
            return serverFinal;
        } catch (AuthenticationException e) {
            transitionTo(State.FAILED);
            throw e;
        }
    }

    /** Whether the client has proven it knows the password. */
    public boolean succeeded() {
        return state == State.SUCCEEDED;
    }

    private String readClientFirst(byte[] message) throws AuthenticationException {
        ScramMessageReader reader = ScramMessageReader.of(message, "client-first-message",
                AuthenticationException.INVALID_AUTHORIZATION);
        if (reader.startsWith('p')) {
            throw new AuthenticationException(AuthenticationException.INVALID_AUTHORIZATION,
                    "the client requested SCRAM channel binding, which pgwake does not offer");
        }
        if (reader.consumeFlag('n')) {
            expectedChannelBinding = CHANNEL_BINDING_NONE;
        } else if (reader.consumeFlag('y')) {
            expectedChannelBinding = CHANNEL_BINDING_UNUSED;
        } else {
            throw reader.malformed("expected channel-binding flag \"n\", \"y\" or \"p\"");
        }
        reader.expect(',', "',' after the channel-binding flag");
        if (reader.startsWith('a')) {
            throw new AuthenticationException(AuthenticationException.INVALID_AUTHORIZATION,
                    "the client uses a SCRAM authorization identity, which is not supported");
        }
        reader.expect(',', "',' ending the GS2 header");
        int bareStart = reader.position();
        if (reader.startsWith('m')) {
            throw reader.malformed("mandatory extensions are not supported");
        }
        reader.read('n'); // ignored, as PostgreSQL does: the startup packet names the user
        String clientNonce = reader.read('r');
        if (!ScramMessageReader.isPrintableNonce(clientNonce)) {
            throw reader.malformed("the nonce must be printable ASCII");
        }
        while (!reader.atEnd()) {
            reader.readAny();
        }
        clientFirstBare = reader.consumedSince(bareStart);
        return clientNonce;
    }

    private byte[] verifyClientFinal(byte[] message) throws AuthenticationException {
        ScramMessageReader reader = ScramMessageReader.of(message, "client-final-message",
                AuthenticationException.INVALID_AUTHORIZATION);
        String channelBinding = reader.read('c');
        String finalNonce = reader.read('r');
        while (!reader.startsWith('p')) {
            reader.readAny();
        }
        String consumed = reader.consumedSince(0);
        String withoutProof = consumed.substring(0, consumed.length() - 1); // drop the ',' before p=
        byte[] proof = reader.readBase64('p');
        reader.expectEnd();
        if (proof.length != ScramFunctions.KEY_LENGTH) {
            throw reader.malformed("the proof has the wrong length");
        }
        byte[] authMessage = (clientFirstBare + ',' + serverFirst + ',' + withoutProof)
                .getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = ScramFunctions.hmac(secret.storedKey(), authMessage);
        byte[] clientKey = ScramFunctions.xor(proof, clientSignature);
        boolean proofMatches = MessageDigest.isEqual(ScramFunctions.sha256(clientKey), secret.storedKey());
        boolean bindingMatches = channelBinding.equals(expectedChannelBinding);
        boolean nonceMatches = finalNonce.equals(nonce);
        if (!(proofMatches & bindingMatches & nonceMatches) || doomed) {
            throw AuthenticationException.passwordFailed(user);
        }
        byte[] serverSignature = ScramFunctions.hmac(secret.serverKey(), authMessage);
        return ("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.UTF_8);
    }

    private void requireState(State expected) {
        if (state != expected) {
            throw new IllegalStateException("SCRAM exchange is " + state + ", not " + expected);
        }
    }

    private void transitionTo(State next) {
        state = next;
    }

    static String randomNonce() {
        byte[] raw = new byte[NONCE_BYTES];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    @Override
    public String toString() {
        return "ScramServerExchange[user=" + user + ", state=" + state + "]";
    }
}
