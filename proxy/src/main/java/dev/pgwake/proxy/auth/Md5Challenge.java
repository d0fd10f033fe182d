package dev.pgwake.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * PostgreSQL's MD5 password authentication (AuthenticationMD5Password): the server sends a 4-byte
 * salt, the client answers {@code "md5" + md5hex(md5hex(password + user) + salt)}.
 *
 * <p>Server side: one instance per attempt holds the salt; {@link #verify} checks the response
 * against the stored secret in constant time. A user without a usable secret (unknown, a SCRAM
 * secret, an empty password) goes through the same computation and always fails with the same
 * error as a wrong password. Note that PostgreSQL answers an md5 request for a user with a SCRAM
 * secret by running SCRAM instead; choose {@link ScramServerExchange} for such users.
 *
 * <p>Client side: {@link #md5Response} for pgwake logging in to a server that asks for MD5.
 */
public final class Md5Challenge {

    public static final int SALT_LENGTH = 4;

    /** Stands in for the hash of a user without one, so the mock path does the same work. */
    private static final String MOCK_HASH = "00000000000000000000000000000000";

    private final byte[] salt;

    /** A challenge with a random salt. */
    public Md5Challenge() {
        this(randomSalt());
    }

    /** @throws IllegalArgumentException unless {@code salt} has 4 bytes */
    public Md5Challenge(byte[] salt) {
        Objects.requireNonNull(salt, "salt");
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("an MD5 salt is " + SALT_LENGTH + " bytes");
        }
        this.salt = salt.clone();
    }

    /** The salt to send in AuthenticationMD5Password. */
    public byte[] salt() {
        return salt.clone();
    }

    /**
     * Checks the client's PasswordMessage payload (without the terminating NUL).
     *
     * @throws AuthenticationException 28P01 "password authentication failed for user ..." if the
     *     response is wrong or the user has no MD5-usable secret
     */
    public void verify(String user, Optional<Secret> stored, String response) throws AuthenticationException {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(response, "response");
        String hash = md5HashOf(user, stored.orElse(null));
        String expected = saltedResponse(hash == null ? MOCK_HASH : hash, salt);
        boolean matches = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.getBytes(StandardCharsets.UTF_8));
        if (!matches || hash == null) {
            throw AuthenticationException.passwordFailed(user);
        }
    }

    /** The PasswordMessage payload a client sends for AuthenticationMD5Password with {@code salt}. */
    public static String md5Response(String user, String password, byte[] salt) {
        Objects.requireNonNull(salt, "salt");
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("an MD5 salt is " + SALT_LENGTH + " bytes");
        }
        return saltedResponse(Md5Secret.fromPassword(user, password).hash(), salt);
    }

    private static String md5HashOf(String user, Secret secret) {
        if (secret instanceof Md5Secret md5) {
            return md5.hash();
        }
        if (secret instanceof PlainSecret plain && !plain.password().isEmpty()) {
            return Md5Secret.fromPassword(user, plain.password()).hash();
        }
        return null;
    }

    private static String saltedResponse(String hashHex, byte[] salt) {
        byte[] hashBytes = hashHex.getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[hashBytes.length + salt.length];
        System.arraycopy(hashBytes, 0, input, 0, hashBytes.length);
        System.arraycopy(salt, 0, input, hashBytes.length, salt.length);
        return Md5Secret.PREFIX + Md5Secret.md5Hex(input);
    }

    private static byte[] randomSalt() {
        byte[] salt = new byte[SALT_LENGTH];
        new SecureRandom().nextBytes(salt);
        return salt;
    }

    @Override
    public String toString() {
        return "Md5Challenge";
    }
}
