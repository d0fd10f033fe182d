package dev.pgwake.proxy.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScramFunctionsTest {

    @ParameterizedTest
    @CsvSource({"pencil,1", "pencil,2", "pencil,4096", "password,3", "a much longer password than the block size of SHA-256 ......................,7"})
    void hiIsPbkdf2WithHmacSha256(String password, int iterations) throws GeneralSecurityException {
        byte[] salt = {0x5b, 0x6d, (byte) 0x99, 0x68};
        byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();

        assertArrayEquals(jdk, ScramFunctions.hi(password.getBytes(UTF_8), salt, iterations));
    }

    @Test
    void hiMatchesThePbkdf2HmacSha256TestVector() {
        // PBKDF2-HMAC-SHA256("password", "salt", 4096, 32), the widely published vector
        // (the SHA-256 analogue of RFC 6070's fourth case)
        byte[] expected = HexFormat.of().parseHex("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");

        assertArrayEquals(expected, ScramFunctions.hi("password".getBytes(UTF_8), "salt".getBytes(UTF_8), 4096));
    }

    @Test
    void hiRejectsZeroIterations() {
        assertThrows(IllegalArgumentException.class, () -> ScramFunctions.hi(new byte[] {1}, new byte[] {1}, 0));
    }
}
