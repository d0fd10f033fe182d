package dev.pgwake.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A SCRAM-SHA-256 secret as PostgreSQL stores it in {@code pg_authid.rolpassword}:
 * {@code SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>}, where
 * {@code SaltedPassword = Hi(SASLprep(password), salt, iterations)},
 * {@code StoredKey = H(HMAC(SaltedPassword, "Client Key"))} and
 * {@code ServerKey = HMAC(SaltedPassword, "Server Key")} (RFC 5802 section 3).
 *
 * <p>The arrays are copied in and out, so an instance is immutable.
 */
public record ScramSecret(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) implements Secret {

    /** PostgreSQL's default {@code scram_iterations}. */
    public static final int DEFAULT_ITERATIONS = 4096;
    /** PostgreSQL's salt length ({@code SCRAM_DEFAULT_SALT_LEN}). */
    public static final int DEFAULT_SALT_LENGTH = 16;

    static final String PREFIX = "SCRAM-SHA-256$";

    public ScramSecret {
        if (iterations < 1) {
            throw new IllegalArgumentException("SCRAM iterations must be >= 1");
        }
        salt = Objects.requireNonNull(salt, "salt").clone();
        storedKey = Objects.requireNonNull(storedKey, "storedKey").clone();
        serverKey = Objects.requireNonNull(serverKey, "serverKey").clone();
        if (salt.length == 0) {
            throw new IllegalArgumentException("SCRAM salt must not be empty");
        }
        if (storedKey.length != ScramFunctions.KEY_LENGTH || serverKey.length != ScramFunctions.KEY_LENGTH) {
            throw new IllegalArgumentException("SCRAM-SHA-256 keys are " + ScramFunctions.KEY_LENGTH + " bytes");
        }
    }

    /**
     * The secret PostgreSQL computes for {@code password} with this salt and iteration count
     * (SASLprep applied as PostgreSQL does, see {@link SaslPrep}).
     *
     * @throws IllegalArgumentException if the password is empty (PostgreSQL refuses empty passwords)
     */
    public static ScramSecret fromPassword(String password, byte[] salt, int iterations) {
        Objects.requireNonNull(password, "password");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        byte[] saltedPassword = ScramFunctions.hi(preparedPassword(password), salt, iterations);
        byte[] storedKey = ScramFunctions.sha256(ScramFunctions.clientKey(saltedPassword));
        byte[] serverKey = ScramFunctions.serverKey(saltedPassword);
        Arrays.fill(saltedPassword, (byte) 0);
        return new ScramSecret(iterations, salt, storedKey, serverKey);
    }

    /** A new secret for {@code password} with a random 16-byte salt and 4096 iterations. */
    public static ScramSecret generate(String password) {
        byte[] salt = new byte[DEFAULT_SALT_LENGTH];
        new SecureRandom().nextBytes(salt);
        return fromPassword(password, salt, DEFAULT_ITERATIONS);
    }

    /** The form PostgreSQL stores in {@code pg_authid.rolpassword}. */
    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + iterations + ':' + b64.encodeToString(salt) + '$'
                + b64.encodeToString(storedKey) + ':' + b64.encodeToString(serverKey);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramSecret other
                && iterations == other.iterations
                && Arrays.equals(salt, other.salt)
                && MessageDigest.isEqual(storedKey, other.storedKey)
                && MessageDigest.isEqual(serverKey, other.serverKey);
    }

    @Override
    public int hashCode() {
        return 31 * iterations + Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "ScramSecret[iterations=" + iterations + ", keys=<redacted>]";
    }

    /** UTF-8 bytes of SASLprep(password), as PostgreSQL and libpq hash it. */
    static byte[] preparedPassword(String password) {
        return SaslPrep.prepare(password).getBytes(StandardCharsets.UTF_8);
    }

    /** Parses the stored form, or returns null if it is malformed. */
    static ScramSecret parse(String stored) {
        if (!stored.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = stored.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 2) {
            return null;
        }
        String[] iterationsAndSalt = parts[0].split(":", -1);
        String[] keys = parts[1].split(":", -1);
        if (iterationsAndSalt.length != 2 || keys.length != 2) {
            return null;
        }
        try {
            int iterations = parsePositiveInt(iterationsAndSalt[0]);
            Base64.Decoder b64 = Base64.getDecoder();
            return new ScramSecret(iterations, b64.decode(iterationsAndSalt[1]),
                    b64.decode(keys[0]), b64.decode(keys[1]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int parsePositiveInt(String digits) {
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("iterations");
        }
        return Integer.parseInt(digits);
    }
}
