package dev.pgwake.proxy.protocol;

import static dev.pgwake.proxy.testing.Hex.buf;
import static dev.pgwake.proxy.testing.Hex.bytes;
import static dev.pgwake.proxy.testing.Hex.consume;
import static dev.pgwake.proxy.testing.Hex.normalize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
    private static final String SCRAM_SHA_256 = "534352414d2d5348412d32353600";
    private static final String SCRAM_SHA_256_PLUS = "534352414d2d5348412d3235362d504c555300";

    @Test
    void authenticationOk() {
        // 'R', Int32 8, Int32 0
        assertEquals(normalize("52 00000008 00000000"), consume(Authentication.ok(ALLOC)));
    }

    @Test
    void cleartextPassword() {
        // 'R', Int32 8, Int32 3
        assertEquals(normalize("52 00000008 00000003"), consume(Authentication.cleartextPassword(ALLOC)));
    }

    @Test
    void md5PasswordCarriesTheFourByteSalt() {
        // 'R', Int32 12, Int32 5, Byte4 salt
        assertEquals(normalize("52 0000000c 00000005 01fe7f80"),
                consume(Authentication.md5Password(ALLOC, bytes("01fe7f80"))));
    }

    @Test
    void saslListsMechanismsEndedByAnEmptyName() {
        // 'R', Int32 23, Int32 10, "SCRAM-SHA-256", zero byte ending the list
        assertEquals(normalize("52 00000017 0000000a" + SCRAM_SHA_256 + "00"),
                consume(Authentication.sasl(ALLOC, List.of("SCRAM-SHA-256"))));
        // 'R', Int32 42, Int32 10, "SCRAM-SHA-256-PLUS", "SCRAM-SHA-256", zero byte
        assertEquals(normalize("52 0000002a 0000000a" + SCRAM_SHA_256_PLUS + SCRAM_SHA_256 + "00"),
                consume(Authentication.sasl(ALLOC, List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"))));
    }

    @Test
    void saslContinueAndFinalCarryTheServerMessage() {
        // 'R', Int32 13, Int32 11 (SASLContinue) or 12 (SASLFinal), then the bytes as they are
        assertEquals(normalize("52 0000000d 0000000b 723d616263"),
                consume(Authentication.saslContinue(ALLOC, "r=abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(normalize("52 0000000d 0000000c 763d78797a"),
                consume(Authentication.saslFinal(ALLOC, "v=xyz".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void decodeSplitsCodeAndData() {
        Authentication md5 = decode("00000005 01fe7f80");
        assertEquals(Authentication.MD5_PASSWORD, md5.code());
        assertArrayEquals(bytes("01fe7f80"), md5.data());

        Authentication ok = decode("00000000");
        assertEquals(Authentication.OK, ok.code());
        assertEquals(0, ok.data().length);

        Authentication saslFinal = decode("0000000c 763d78797a");
        assertEquals(Authentication.SASL_FINAL, saslFinal.code());
        assertArrayEquals("v=xyz".getBytes(StandardCharsets.US_ASCII), saslFinal.data());
    }

    @Test
    void mechanismsOfAnAuthenticationSaslInServerOrder() {
        Authentication sasl = decode("0000000a" + SCRAM_SHA_256_PLUS + SCRAM_SHA_256 + "00");

        assertEquals(Authentication.SASL, sasl.code());
        assertEquals(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"), sasl.mechanisms());
    }

    @Test
    void mechanismsStopAtTheEmptyName() {
        assertEquals(List.of("SCRAM-SHA-256"), decode("0000000a" + SCRAM_SHA_256 + "00" + "58585800").mechanisms());
        assertEquals(List.of(), decode("0000000a 00").mechanisms());
    }

    @Test
    void aBodyShorterThanTheCodeIsAViolation() {
        ByteBuf body = buf("000000");
        try {
            assertEquals(SqlState.PROTOCOL_VIOLATION,
                    assertThrows(ProtocolException.class, () -> Authentication.decode(body)).sqlState());
        } finally {
            body.release();
        }
    }

    private static Authentication decode(String bodyHex) {
        ByteBuf body = buf(bodyHex);
        try {
            Authentication decoded = Authentication.decode(body);
            assertEquals(0, body.readerIndex(), "decoding must not consume the body");
            return decoded;
        } finally {
            body.release();
        }
    }
}
