package dev.pgwake.proxy.protocol;

import static dev.pgwake.proxy.testing.Hex.buf;
import static dev.pgwake.proxy.testing.Hex.consume;
import static dev.pgwake.proxy.testing.Hex.normalize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PasswordMessage, SASLInitialResponse, SASLResponse and Terminate: the 'p' family and 'X'. */
class ClientMessagesTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
    private static final String SCRAM_SHA_256 = "534352414d2d5348412d32353600";
    private static final byte[] CLIENT_FIRST = "n,,n=,r=abc".getBytes(StandardCharsets.US_ASCII);

    @Test
    void passwordMessageIsOneString() {
        // 'p', Int32 11, "secret"
        assertEquals(normalize("70 0000000b 73656372657400"), consume(new PasswordMessage("secret").encode(ALLOC)));
        assertEquals(new PasswordMessage("secret"), decode(PasswordMessage::decode, "73656372657400"));
    }

    @Test
    void passwordMessageWithoutTerminatorIsAViolation() {
        assertEquals(SqlState.PROTOCOL_VIOLATION, violation(PasswordMessage::decode, "736563726574"));
    }

    @Test
    void passwordsStayOutOfToString() {
        assertFalse(new PasswordMessage("hunter2").toString().contains("hunter2"));
        assertFalse(new SASLResponse("c=biws,p=proof".getBytes(StandardCharsets.US_ASCII)).toString().contains("proof"));
    }

    @Test
    void saslInitialResponseIsMechanismThenLengthPrefixedData() {
        // 'p', Int32 33, "SCRAM-SHA-256", Int32 11, "n,,n=,r=abc"
        String expected = "70 00000021" + SCRAM_SHA_256 + "0000000b 6e2c2c6e3d2c723d616263";

        assertEquals(normalize(expected), consume(new SASLInitialResponse("SCRAM-SHA-256", CLIENT_FIRST).encode(ALLOC)));

        SASLInitialResponse decoded = decode(SASLInitialResponse::decode, SCRAM_SHA_256 + "0000000b 6e2c2c6e3d2c723d616263");
        assertEquals("SCRAM-SHA-256", decoded.mechanism());
        assertArrayEquals(CLIENT_FIRST, decoded.data());
    }

    @Test
    void saslInitialResponseLengthMinusOneMeansNoData() {
        SASLInitialResponse decoded = decode(SASLInitialResponse::decode, SCRAM_SHA_256 + "ffffffff");

        assertEquals("SCRAM-SHA-256", decoded.mechanism());
        assertEquals(0, decoded.data().length);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "534352414d2d5348412d32353600 fffffffe|length -2",
        "534352414d2d5348412d32353600 80000000|most negative length",
        "534352414d2d5348412d32353600 0000000c 6e2c2c6e3d2c723d616263|length one past the data",
        "534352414d2d5348412d32353600 0000000a 6e2c2c6e3d2c723d616263|data longer than its length",
        "534352414d2d5348412d32353600 ffffffff 6e|data after length -1",
        "534352414d2d5348412d32353600 000000|length word cut short",
        "534352414d2d5348412d32353600|no length word",
        "534352414d2d5348412d323536|mechanism not terminated",
    })
    void malformedSaslInitialResponsesAreViolations(String bodyHex, String why) {
        assertEquals(SqlState.PROTOCOL_VIOLATION, violation(SASLInitialResponse::decode, bodyHex), why);
    }

    @Test
    void saslResponseIsTheDataAsItIs() {
        byte[] clientFinal = "c=biws,r=abc".getBytes(StandardCharsets.US_ASCII);
        // 'p', Int32 16, "c=biws,r=abc" (no terminator, no inner length)
        assertEquals(normalize("70 00000010 633d626977732c723d616263"), consume(new SASLResponse(clientFinal).encode(ALLOC)));
        assertArrayEquals(clientFinal, decode(SASLResponse::decode, "633d626977732c723d616263").data());
    }

    @Test
    void terminateIsTypeAndLength() {
        // 'X', Int32 4
        assertEquals(normalize("58 00000004"), consume(Terminate.encode(ALLOC)));
    }

    private static <T> T decode(Function<ByteBuf, T> decoder, String bodyHex) {
        ByteBuf body = buf(bodyHex);
        try {
            T decoded = decoder.apply(body);
            assertEquals(0, body.readerIndex(), "decoding must not consume the body");
            return decoded;
        } finally {
            body.release();
        }
    }

    private static String violation(Function<ByteBuf, ?> decoder, String bodyHex) {
        ByteBuf body = buf(bodyHex);
        try {
            return assertThrows(ProtocolException.class, () -> decoder.apply(body)).sqlState();
        } finally {
            body.release();
        }
    }
}
