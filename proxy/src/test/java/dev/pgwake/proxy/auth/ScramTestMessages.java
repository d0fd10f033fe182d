package dev.pgwake.proxy.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client-final-messages for the RFC 7677 exchange with other channel-binding echoes, computed with
 * the JDK's own PBKDF2WithHmacSHA256 rather than the code under test.
 */
final class ScramTestMessages {

    private ScramTestMessages() {
    }

    static byte[] rfcClientFinal(String echo) {
        return rfcClientFinal(echo, Rfc7677VectorTest.CLIENT_NONCE + Rfc7677VectorTest.SERVER_NONCE);
    }

    /** A client-final-message with a proof that is valid for exactly what it says, wrong nonce or not. */
    static byte[] rfcClientFinal(String echo, String nonce) {
        String withoutProof = "c=" + echo + ",r=" + nonce;
        byte[] proof = proof(Rfc7677VectorTest.PASSWORD, Rfc7677VectorTest.SALT, 4096, rfcAuthMessage(withoutProof));
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(UTF_8);
    }

    /** The server-final-message that goes with {@link #rfcClientFinal}. */
    static String rfcServerFinal(String echo) {
        try {
            byte[] salted = saltedPassword(Rfc7677VectorTest.PASSWORD, Rfc7677VectorTest.SALT, 4096);
            byte[] serverKey = hmac(salted, "Server Key".getBytes(UTF_8));
            byte[] signature = hmac(serverKey, rfcAuthMessage(rfcWithoutProof(echo)).getBytes(UTF_8));
            return "v=" + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String rfcWithoutProof(String echo) {
        return "c=" + echo + ",r=" + Rfc7677VectorTest.CLIENT_NONCE + Rfc7677VectorTest.SERVER_NONCE;
    }

    private static String rfcAuthMessage(String withoutProof) {
        return Rfc7677VectorTest.CLIENT_FIRST.substring(3) + ',' + Rfc7677VectorTest.SERVER_FIRST + ',' + withoutProof;
    }

    private static byte[] saltedPassword(String password, byte[] salt, int iterations) throws GeneralSecurityException {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
    }

    static byte[] proof(String password, byte[] salt, int iterations, String authMessage) {
        try {
            byte[] salted = saltedPassword(password, salt, iterations);
            byte[] clientKey = hmac(salted, "Client Key".getBytes(UTF_8));
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] signature = hmac(storedKey, authMessage.getBytes(UTF_8));
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            return proof;
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
