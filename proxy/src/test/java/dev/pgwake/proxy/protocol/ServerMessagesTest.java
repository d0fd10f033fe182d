package dev.pgwake.proxy.protocol;

import static dev.pgwake.proxy.testing.Hex.buf;
import static dev.pgwake.proxy.testing.Hex.consume;
import static dev.pgwake.proxy.testing.Hex.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ParameterStatus, BackendKeyData, ReadyForQuery and NegotiateProtocolVersion. */
class ServerMessagesTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    @Test
    void parameterStatusIsNameThenValue() {
        // 'S', Int32 24, "server_version", "17.2"
        String expected = "53 00000018 7365727665725f76657273696f6e00 31372e3200";

        assertEquals(normalize(expected), consume(new ParameterStatus("server_version", "17.2").encode(ALLOC)));
        assertEquals(new ParameterStatus("server_version", "17.2"),
                decode(ParameterStatus::decode, "7365727665725f76657273696f6e00 31372e3200"));
    }

    @Test
    void parameterStatusesAppendedToOneBufferAreEachFramedWithTheirOwnLength() {
        // 'S', Int32 9, "a", "bc"; then 'S', Int32 24, "server_version", "17.2"
        String expected = "53 00000009 6100 626300" + "53 00000018 7365727665725f76657273696f6e00 31372e3200";
        ByteBuf out = ALLOC.buffer(1);

        new ParameterStatus("a", "bc").encodeTo(out);
        new ParameterStatus("server_version", "17.2").encodeTo(out);

        assertEquals(normalize(expected), consume(out));
    }

    @Test
    void parameterStatusWithoutItsValueIsAViolation() {
        assertEquals(SqlState.PROTOCOL_VIOLATION, violation(ParameterStatus::decode, "7365727665725f76657273696f6e00"));
    }

    @Test
    void backendKeyDataIsProcessIdThenSecret() {
        // 'K', Int32 12, Int32 12345, Int32 0xdeadbeef
        String expected = "4b 0000000c 00003039 deadbeef";

        assertEquals(normalize(expected), consume(new BackendKeyData(12345, 0xdeadbeef).encode(ALLOC)));
        assertEquals(new BackendKeyData(12345, 0xdeadbeef), decode(BackendKeyData::decode, "00003039 deadbeef"));
    }

    @Test
    void shortBackendKeyDataIsAViolation() {
        assertEquals(SqlState.PROTOCOL_VIOLATION, violation(BackendKeyData::decode, "00003039 dead"));
    }

    @ParameterizedTest(name = "status {0}")
    @CsvSource({"I, 49", "T, 54", "E, 45"})
    void readyForQueryCarriesTheTransactionStatus(char status, String statusHex) {
        // 'Z', Int32 5, Byte1 status
        assertEquals(normalize("5a 00000005" + statusHex), consume(new ReadyForQuery((byte) status).encode(ALLOC)));
        assertEquals(new ReadyForQuery((byte) status), decode(ReadyForQuery::decode, statusHex));
    }

    @Test
    void readyForQueryConstantsAreTheDocumentedLetters() {
        assertEquals('I', ReadyForQuery.IDLE);
        assertEquals('T', ReadyForQuery.IN_TRANSACTION);
        assertEquals('E', ReadyForQuery.FAILED_TRANSACTION);
    }

    @Test
    void readyForQueryWithoutStatusIsAViolation() {
        assertEquals(SqlState.PROTOCOL_VIOLATION, violation(ReadyForQuery::decode, ""));
    }

    @Test
    void negotiateProtocolVersionListsTheUnrecognizedOptions() {
        // 'v', Int32 30, Int32 newest minor 0, Int32 count 2, "_pq_.foo", "_pq_.bar"
        String expected = "76 0000001e 00000000 00000002 5f70715f2e666f6f00 5f70715f2e62617200";

        assertEquals(normalize(expected),
                consume(new NegotiateProtocolVersion(0, List.of("_pq_.foo", "_pq_.bar")).encode(ALLOC)));
    }

    @Test
    void negotiateProtocolVersionWithNoOptions() {
        // 'v', Int32 12, Int32 0, Int32 0
        assertEquals(normalize("76 0000000c 00000000 00000000"),
                consume(new NegotiateProtocolVersion(0, List.of()).encode(ALLOC)));
    }

    private static <T> T decode(Function<ByteBuf, T> decoder, String bodyHex) {
        ByteBuf body = buf(bodyHex);
        try {
            return decoder.apply(body);
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
