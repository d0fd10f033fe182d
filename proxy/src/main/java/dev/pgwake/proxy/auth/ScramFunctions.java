package dev.pgwake.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SCRAM-SHA-256 functions of RFC 5802 section 2.2 ({@code HMAC}, {@code H}, {@code Hi},
 * {@code XOR}) and the key derivations of section 3, written out with the JDK's HmacSHA256 and
 * SHA-256. Every JDK must provide both algorithms, so their absence is an {@link IllegalStateException}.
 */
final class ScramFunctions {

    static final int KEY_LENGTH = 32;

    private static final String HMAC_SHA_256 = "HmacSHA256";
    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);

    private ScramFunctions() {
    }

    /** HMAC(key, data) with SHA-256. The key must not be empty (the JDK refuses empty keys). */
    static byte[] hmac(byte[] key, byte[] data) {
        Mac mac = newMac(key);
        return mac.doFinal(data);
    }

    /** H(data) = SHA-256(data). */
    static byte[] sha256(byte[] data) {
        return digest("SHA-256").digest(data);
    }

    /**
     * Hi(str, salt, i) of RFC 5802, which is PBKDF2 with HMAC-SHA-256 and one output block:
     * U1 = HMAC(str, salt + INT(1)), Uj = HMAC(str, Uj-1), Hi = U1 XOR U2 XOR ... XOR Ui.
     */
    static byte[] hi(byte[] password, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1");
        }
        Mac mac = newMac(password);
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    static byte[] clientKey(byte[] saltedPassword) {
        return hmac(saltedPassword, CLIENT_KEY);
    }

    static byte[] serverKey(byte[] saltedPassword) {
        return hmac(saltedPassword, SERVER_KEY);
    }

    static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("XOR of arrays of different lengths");
        }
        byte[] result = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            result[i] = (byte) (a[i] ^ b[i]);
        }
        return result;
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JDK", e);
        }
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA_256);
            mac.init(new SecretKeySpec(key, HMAC_SHA_256));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC_SHA_256 + " is required of every JDK", e);
        }
    }
}
