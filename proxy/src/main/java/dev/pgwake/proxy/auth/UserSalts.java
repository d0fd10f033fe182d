package dev.pgwake.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Stable per-user SCRAM salts derived from a random key held for the life of the process, so that
 * every attempt for the same user name sees the same salt, whether the user is unknown (a mock
 * secret, as PostgreSQL's {@code scram_mock_salt}) or has a plain password in the users file.
 * Create one in the composition root and share it; it is immutable and thread-safe.
 */
public final class UserSalts {

    private static final int KEY_LENGTH = 32;

    private final byte[] key;

    /** Draws a fresh random key. */
    public UserSalts() {
        this(randomKey());
    }

    UserSalts(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("key must not be empty");
        }
        this.key = key.clone();
    }

    /** The salt for {@code user}: the first 16 bytes of HMAC(key, "salt" NUL user). */
    byte[] saltFor(String user) {
        return Arrays.copyOf(derive("salt", user), ScramSecret.DEFAULT_SALT_LENGTH);
    }

    /**
     * A secret that looks like a real one to the client (stable salt, default iterations) but that
     * no password matches in practice; exchanges built on it are also marked to fail regardless.
     */
    ScramSecret mockSecretFor(String user) {
        return new ScramSecret(ScramSecret.DEFAULT_ITERATIONS, saltFor(user),
                derive("stored-key", user), derive("server-key", user));
    }

    /** The SCRAM secret for a plain password, salted with the user's stable salt. */
    ScramSecret scramSecretFor(String user, PlainSecret plain) {
        return ScramSecret.fromPassword(plain.password(), saltFor(user), ScramSecret.DEFAULT_ITERATIONS);
    }

    @Override
    public String toString() {
        return "UserSalts[key=<redacted>]";
    }

    private byte[] derive(String purpose, String user) {
        byte[] label = (purpose + '\0' + user).getBytes(StandardCharsets.UTF_8);
        return ScramFunctions.hmac(key, label);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[KEY_LENGTH];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
