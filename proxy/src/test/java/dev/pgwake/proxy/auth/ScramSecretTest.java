package dev.pgwake.proxy.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ScramSecretTest {

    /**
     * Secrets PostgreSQL 15.18 stored in pg_authid for {@code CREATE ROLE ... PASSWORD} with
     * password_encryption = scram-sha-256. Recomputing them with the stored salt must give the same
     * StoredKey and ServerKey, including where SASLprep maps, normalizes, or falls back to raw bytes.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // ASCII, used as is
        "pencil|SCRAM-SHA-256$4096:kl+/LrXGr3P/pcWoI9y16Q==$whdrH52Y/2MHxh2Iw2NJgLALkIF6Vcsum4DeTtp/uFs="
            + ":kdXYmmaIJLYR9TL/jj8Wt8AOJVKw4olu9b0cDE5IJeA=",
        // NFKC: "I1\u20442IXIV"
        "I\u00BD\u2168\u2163|SCRAM-SHA-256$4096:gZKG7rbgra/EQeHz54+GCQ==$ifL8MlJVKhFhe2KEC7UkAuMzBX+WLUGsrm2texdYzho="
            + ":u46qXOWu7k+7tLHDAL015vGxX+vnvPZAJQ5lhD0Cvz4=",
        // no-break space to space, soft hyphen to nothing: "a bc"
        "a\u00A0b\u00ADc|SCRAM-SHA-256$4096:KsZtdCyOgvErMR6z29l2+Q==$3D/zBjy/NYbGRLVP5wcWI8hELVYbwGlal7JkIYRjtsM="
            + ":ah4NDYlm9Jg1PVC6ZQAk33vxJ5n9Ro1SFw785SHn1Gs=",
        // maps to nothing at all: raw bytes
        "\u00AD|SCRAM-SHA-256$4096:8KAMcyAla28dhsLFYHj4gg==$tDOupulNAbmSen4olzMpc5AFoz1yCwRlkN4BQOVAD+U="
            + ":/AHTs7d9xqVTH1xoogmkvxYutWVa2pf6cAtSVqvM1PE=",
        // prohibited control character: raw bytes
        "a\u0007\u00E9|SCRAM-SHA-256$4096:tMJosoAkSCY2OIzG7jX0Lw==$IbbAP7Mr7eLpc7h0jkgR7SIz4kRlcyAUAnJWKoNcA6w="
            + ":mV5J/bUU5CALpIhCQgIZs7UlLLmQgI1N3tFye+j4+aA=",
        // right-to-left mixed with left-to-right breaks the bidi rule: raw bytes
        "\u05D0a|SCRAM-SHA-256$4096:hFTJ0y+5A7DoXkxmO8O3jA==$8yKHi/QJPi7E3hl0Gw/lMoc8VO1nsRZ30P2PTGDPME8="
            + ":bGpTYhx2mRT5FJ/8aG/TE8TFTqSjK0J192tWIwJnpAE=",
        // zero-width space maps to a space (C.1.2 wins over B.1, as in pg_saslprep)
        "x\u200By|SCRAM-SHA-256$4096:irW+XutCt7EgsQuoZhXVvg==$UYwvXJD+gvCi2Ss5Jlg6v1itWyGQqRekAqEZtDUJNA0="
            + ":oAljJRjL/7V/3PKDjcow2JV3shS6YAIapNQt1WX5WYg=",
        // right-to-left only passes
        "\u05D0\u05D1|SCRAM-SHA-256$4096:1GxrxhqNTHC2oIXbMWx02A==$SXYEw2jj7OC2ldN9qJgTdJBmRCIsA24Ilm6q3BOTl1Q="
            + ":8/G1R+UMRLB9K5lyDt1ySiO4SOmW1JNwqNOmJDWjoqM=",
    })
    void fromPasswordMatchesPostgresql(String password, String stored) {
        ScramSecret postgres = (ScramSecret) Secret.parse("u", stored);

        ScramSecret ours = ScramSecret.fromPassword(password, postgres.salt(), postgres.iterations());

        assertEquals(stored, ours.encode());
    }

    @Test
    void encodeParsesBackToAnEqualSecret() {
        ScramSecret secret = ScramSecret.fromPassword("s3cret", new byte[] {1, 2, 3}, 10);

        assertEquals(secret, Secret.parse("u", secret.encode()));
        assertEquals(secret.hashCode(), Secret.parse("u", secret.encode()).hashCode());
    }

    @Test
    void generateUsesARandomSixteenByteSaltAndDefaultIterations() {
        ScramSecret a = ScramSecret.generate("pw");
        ScramSecret b = ScramSecret.generate("pw");

        assertEquals(16, a.salt().length);
        assertEquals(4096, a.iterations());
        assertFalse(Arrays.equals(a.salt(), b.salt()));
        assertEquals(a, ScramSecret.fromPassword("pw", a.salt(), 4096));
        assertNotEquals(a, ScramSecret.fromPassword("pw2", a.salt(), 4096));
    }

    @Test
    void arraysAreCopiedInAndOut() {
        byte[] salt = {9, 9};
        ScramSecret secret = ScramSecret.fromPassword("pw", salt, 1);
        salt[0] = 0;
        secret.salt()[1] = 0;
        secret.storedKey()[0] ^= 1;

        assertArrayEquals(new byte[] {9, 9}, secret.salt());
        assertEquals(secret, ScramSecret.fromPassword("pw", new byte[] {9, 9}, 1));
    }

    @Test
    void toStringRedactsTheKeys() {
        ScramSecret secret = Rfc7677VectorTest.rfcSecret();

        assertEquals("ScramSecret[iterations=4096, keys=<redacted>]", secret.toString());
    }

    @Test
    void rejectsEmptyPasswordsAndBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> ScramSecret.fromPassword("", new byte[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> ScramSecret.fromPassword("pw", new byte[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> ScramSecret.fromPassword("pw", new byte[0], 1));
        assertThrows(IllegalArgumentException.class, () -> new ScramSecret(1, new byte[] {1}, new byte[31], new byte[32]));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SCRAM-SHA-256$",
        "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==",
        "SCRAM-SHA-256$0:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
        "SCRAM-SHA-256$-1:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
        "SCRAM-SHA-256$99999999999:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
        "SCRAM-SHA-256$4096:$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
        "SCRAM-SHA-256$4096:W22Z*J0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
        "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2=",
        "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=",
        "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=$x",
    })
    void malformedStoredFormsDoNotParse(String stored) {
        assertNull(ScramSecret.parse(stored));
    }
}
