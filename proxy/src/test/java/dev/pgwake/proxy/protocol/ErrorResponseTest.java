package dev.pgwake.proxy.protocol;

import static dev.pgwake.proxy.testing.Hex.buf;
import static dev.pgwake.proxy.testing.Hex.consume;
import static dev.pgwake.proxy.testing.Hex.cstring;
import static dev.pgwake.proxy.testing.Hex.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorResponseTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    @Test
    void fatalEncodesSeverityTwiceThenCodeAndMessage() {
        // 'E', Int32 31; S "FATAL", V "FATAL", C "08P01", M "bad"; terminating zero byte
        String expected = "45 0000001f 53 464154414c00 56 464154414c00 43 303850303100 4d 62616400 00";

        assertEquals(normalize(expected), consume(ErrorResponse.fatal("08P01", "bad").encode(ALLOC)));
    }

    @Test
    void detailAndHintFollowTheMessage() {
        // 'E', Int32 35; S "ERROR", V "ERROR", C "42P01", M "m", D "d", H "h"; zero byte
        String expected = "45 00000023 53 4552524f5200 56 4552524f5200 43 343250303100 4d 6d00 44 6400 48 6800 00";

        assertEquals(normalize(expected), consume(new ErrorResponse("ERROR", "42P01", "m", "d", "h").encode(ALLOC)));
    }

    @Test
    void withHintAddsOnlyTheHint() {
        ErrorResponse error = ErrorResponse.fatal("57P03", "waking").withHint("retry");

        assertEquals(new ErrorResponse("FATAL", "57P03", "waking", null, "retry"), error);
    }

    @Test
    void messagesAreUtf8() {
        // M "é" is the two bytes c3 a9
        String expected = "45 0000001e 53 464154414c00 56 464154414c00 43 303850303100 4d c3a900 00";

        assertEquals(normalize(expected), consume(ErrorResponse.fatal("08P01", "\u00e9").encode(ALLOC)));
    }

    @Test
    void decodeReadsTheFieldsPostgresqlSendsAndIgnoresTheRest() {
        // A PostgreSQL 17 FATAL: S, V, C, M, F (file), L (line), R (routine)
        ByteBuf body = buf("53" + cstring("FATAL") + "56" + cstring("FATAL") + "43" + cstring("28P01") + "4d"
                + cstring("password authentication failed for user \"bob\"") + "46" + cstring("auth.c") + "4c"
                + cstring("323") + "52" + cstring("auth_failed") + "00");
        try {
            assertEquals(new ErrorResponse("FATAL", "28P01", "password authentication failed for user \"bob\"", null, null),
                    ErrorResponse.decode(body));
            Map<Character, String> fields = ErrorResponse.fields(body);
            assertEquals(List.of('S', 'V', 'C', 'M', 'F', 'L', 'R'), List.copyOf(fields.keySet()));
            assertEquals("auth_failed", fields.get('R'));
            assertEquals(0, body.readerIndex(), "decoding must not consume the body");
        } finally {
            body.release();
        }
    }

    @Test
    void decodeWithoutFieldsFallsBackToInternalError() {
        ByteBuf body = buf("00");
        try {
            ErrorResponse error = ErrorResponse.decode(body);
            assertEquals("ERROR", error.severity());
            assertEquals(SqlState.INTERNAL_ERROR, error.sqlState());
            assertEquals("", error.message());
            assertNull(error.detail());
        } finally {
            body.release();
        }
    }

    @Test
    void anUnterminatedFieldIsAViolation() {
        ByteBuf body = buf("4d 626164");
        try {
            ProtocolException e = assertThrows(ProtocolException.class, () -> ErrorResponse.decode(body));
            assertEquals(SqlState.PROTOCOL_VIOLATION, e.sqlState());
        } finally {
            body.release();
        }
    }
}
