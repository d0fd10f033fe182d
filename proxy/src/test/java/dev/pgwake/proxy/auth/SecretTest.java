package dev.pgwake.proxy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretTest {

    @Test
    void scramSecretsParse() {
        ScramSecret secret = assertInstanceOf(ScramSecret.class, Secret.parse("user", Rfc7677VectorTest.RFC_SECRET));

        assertEquals(4096, secret.iterations());
        assertEquals(Rfc7677VectorTest.RFC_SECRET, secret.encode());
    }

    @Test
    void md5SecretsParseWithoutTheirPrefix() {
        Md5Secret secret = assertInstanceOf(Md5Secret.class,
                Secret.parse("postgres", "md53175bce1d3201d16594cebf9d7eb3f9d"));

        assertEquals("3175bce1d3201d16594cebf9d7eb3f9d", secret.hash());
        assertEquals("md53175bce1d3201d16594cebf9d7eb3f9d", secret.encode());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "hunter2",
        "",
        "md5",
        "md53175BCE1D3201D16594CEBF9D7EB3F9D",
        "md53175bce1d3201d16594cebf9d7eb3f9",
        "md53175bce1d3201d16594cebf9d7eb3f9d0",
        "md5g175bce1d3201d16594cebf9d7eb3f9d",
        "SCRAM-SHA-256",
        "scram-sha-256$4096:abc",
    })
    void everythingElseIsAPlainPassword(String stored) {
        PlainSecret secret = assertInstanceOf(PlainSecret.class, Secret.parse("u", stored));

        assertEquals(stored, secret.password());
    }

    @Test
    void malformedScramSecretsAreRejectedWithoutEchoingThem() {
        String stored = "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$notbase64!!";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Secret.parse("alice", stored));

        assertEquals("malformed SCRAM-SHA-256 secret for user \"alice\"", e.getMessage());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertFalse(new PlainSecret("hunter2").toString().contains("hunter2"));
        assertFalse(Md5Secret.fromPassword("postgres", "postgres").toString().contains("3175bce1"));
    }

    @Test
    void md5SecretIsMd5OfPasswordThenUser() {
        assertEquals("md53175bce1d3201d16594cebf9d7eb3f9d", Md5Secret.fromPassword("postgres", "postgres").encode());
        // produced by PostgreSQL 15.18: CREATE ROLE dave PASSWORD 'postgres' with password_encryption = md5
        assertEquals("md5097507f116a094a52ebb62d68d3af19e", Md5Secret.fromPassword("dave", "postgres").encode());
    }

    @Test
    void md5SecretRejectsMalformedHashes() {
        assertThrows(IllegalArgumentException.class, () -> new Md5Secret("md53175bce1d3201d16594cebf9d7eb3f9d"));
        assertThrows(IllegalArgumentException.class, () -> new Md5Secret("3175BCE1D3201D16594CEBF9D7EB3F9D"));
    }
}
