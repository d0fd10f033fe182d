package dev.pgwake.proxy.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Md5ChallengeTest {

    private static final byte[] SALT = {1, 2, 3, 4};
    private static final Optional<Secret> POSTGRES_MD5 = Optional.of(new Md5Secret("3175bce1d3201d16594cebf9d7eb3f9d"));
    private static final String FAILED = "password authentication failed for user \"postgres\"";

    @Test
    void clientResponseIsMd5OfTheHashAndSalt() {
        // md5("3175bce1d3201d16594cebf9d7eb3f9d" || 01 02 03 04), computed with Python's hashlib
        assertEquals("md568be9ed08db75f318087ab337aaea044", Md5Challenge.md5Response("postgres", "postgres", SALT));
        assertEquals("md58ee245854025535aedb7b15709315318",
                Md5Challenge.md5Response("postgres", "postgres", new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}));
    }

    @Test
    void correctResponseVerifiesAgainstMd5AndPlainSecrets() {
        Md5Challenge challenge = new Md5Challenge(SALT);
        String response = Md5Challenge.md5Response("postgres", "postgres", challenge.salt());

        assertDoesNotThrow(() -> challenge.verify("postgres", POSTGRES_MD5, response));
        assertDoesNotThrow(() -> challenge.verify("postgres", Optional.of(new PlainSecret("postgres")), response));
    }

    @Test
    void randomChallengeRoundTrip() {
        Md5Challenge challenge = new Md5Challenge();
        String response = Md5Challenge.md5Response("postgres", "postgres", challenge.salt());

        assertEquals(4, challenge.salt().length);
        assertDoesNotThrow(() -> challenge.verify("postgres", POSTGRES_MD5, response));
    }

    @Test
    void wrongPasswordOrSaltFailsWith28P01() {
        Md5Challenge challenge = new Md5Challenge(SALT);

        assertFails(challenge, POSTGRES_MD5, Md5Challenge.md5Response("postgres", "wrong", SALT));
        assertFails(challenge, POSTGRES_MD5, Md5Challenge.md5Response("postgres", "postgres", new byte[] {1, 2, 3, 5}));
        assertFails(challenge, POSTGRES_MD5, "postgres");
        assertFails(challenge, POSTGRES_MD5, "");
        assertFails(challenge, POSTGRES_MD5, Md5Challenge.md5Response("postgres", "postgres", SALT).toUpperCase());
    }

    @Test
    void usersWithoutAnMd5UsableSecretAlwaysFailTheSameWay() {
        Md5Challenge challenge = new Md5Challenge(SALT);
        String mockHashResponse = "md5" + Md5Secret.md5Hex(concat("00000000000000000000000000000000", SALT));

        assertFails(challenge, Optional.empty(), Md5Challenge.md5Response("postgres", "postgres", SALT));
        assertFails(challenge, Optional.empty(), mockHashResponse);
        assertFails(challenge, Optional.of(new PlainSecret("")), Md5Challenge.md5Response("postgres", "", SALT));
        assertFails(challenge, Optional.of(ScramSecret.fromPassword("postgres", SALT, 1)),
                Md5Challenge.md5Response("postgres", "postgres", SALT));
    }

    @Test
    void saltIsCopiedAndMustHaveFourBytes() {
        byte[] salt = SALT.clone();
        Md5Challenge challenge = new Md5Challenge(salt);
        salt[0] = 9;
        challenge.salt()[1] = 9;

        assertArrayEquals(SALT, challenge.salt());
        assertThrows(IllegalArgumentException.class, () -> new Md5Challenge(new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> Md5Challenge.md5Response("u", "p", new byte[5]));
    }

    private static void assertFails(Md5Challenge challenge, Optional<Secret> stored, String response) {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> challenge.verify("postgres", stored, response));
        assertEquals("28P01", e.sqlState());
        assertEquals(FAILED, e.getMessage());
    }

    private static byte[] concat(String ascii, byte[] salt) {
        byte[] a = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(a, a.length + salt.length);
        System.arraycopy(salt, 0, out, a.length, salt.length);
        return out;
    }
}
