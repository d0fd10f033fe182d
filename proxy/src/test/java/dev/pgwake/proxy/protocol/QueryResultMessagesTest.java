package dev.pgwake.proxy.protocol;

import static dev.pgwake.proxy.testing.Hex.buf;
import static dev.pgwake.proxy.testing.Hex.consume;
import static dev.pgwake.proxy.testing.Hex.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Query and the messages that answer it (RowDescription, DataRow, CommandComplete, EmptyQueryResponse), byte
 * for byte as the PostgreSQL documentation's "Message Formats" lays them out.
 */
class QueryResultMessagesTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    @Test
    void queryIsItsStringAndDecodesBack() {
        // 'Q', Int32 18, "SHOW BRANCHES"
        String expected = "51 00000012 53484f57204252414e4348455300";

        assertEquals(normalize(expected), consume(new Query("SHOW BRANCHES").encode(ALLOC)));
        ByteBuf body = buf("53484f57204252414e4348455300");
        try {
            assertEquals(new Query("SHOW BRANCHES"), Query.decode(body));
            assertEquals(0, body.readerIndex(), "decode does not consume the body");
        } finally {
            body.release();
        }
    }

    @Test
    void aQueryWithoutItsTerminatorIsAViolation() {
        ByteBuf body = buf("53484f57");
        try {
            assertEquals(SqlState.PROTOCOL_VIOLATION, assertThrows(ProtocolException.class, () -> Query.decode(body)).sqlState());
        } finally {
            body.release();
        }
    }

    @Test
    void rowDescriptionOfTextColumns() {
        // 'T', Int32 49, Int16 2 fields; per field: name, Int32 table OID 0, Int16 column 0, Int32 type OID 25 (text),
        // Int16 type size -1 (variable), Int32 type modifier -1, Int16 format 0 (text)
        String expected = "54 00000031 0002"
                + " 6e616d6500 00000000 0000 00000019 ffff ffffffff 0000"
                + " 6e00       00000000 0000 00000019 ffff ffffffff 0000";

        assertEquals(normalize(expected), consume(RowDescription.text(List.of("name", "n")).encode(ALLOC)));
    }

    @Test
    void rowDescriptionWithNoFields() {
        assertEquals(normalize("54 00000006 0000"), consume(new RowDescription(List.of()).encode(ALLOC)));
    }

    @Test
    void dataRowHasLengthPrefixedValuesAndMinusOneForNull() {
        // 'D', Int32 18, Int16 2 columns, Int32 4 "main", Int32 -1 (NULL, no bytes)
        String expected = "44 00000012 0002 00000004 6d61696e ffffffff";

        assertEquals(normalize(expected), consume(new DataRow(Arrays.asList("main", null)).encode(ALLOC)));
    }

    @Test
    void dataRowLengthsCountUtf8BytesNotCharacters() {
        // 'D', Int32 16, Int16 2, Int32 2 "é" (c3 a9), Int32 0 "" (empty, not NULL)
        String expected = "44 00000010 0002 00000002 c3a9 00000000";

        assertEquals(normalize(expected), consume(new DataRow(List.of("\u00e9", "")).encode(ALLOC)));
    }

    @Test
    void commandCompleteIsItsTag() {
        // 'C', Int32 9, "SHOW"
        assertEquals(normalize("43 00000009 53484f5700"), consume(new CommandComplete("SHOW").encode(ALLOC)));
        ByteBuf body = buf("53454c4543542033 00");
        try {
            assertEquals(new CommandComplete("SELECT 3"), CommandComplete.decode(body));
        } finally {
            body.release();
        }
    }

    @Test
    void emptyQueryResponseHasNoBody() {
        assertEquals(normalize("49 00000004"), consume(EmptyQueryResponse.encode(ALLOC)));
    }
}
