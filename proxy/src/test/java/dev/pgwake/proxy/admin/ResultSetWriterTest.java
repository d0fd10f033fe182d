package dev.pgwake.proxy.admin;

import static dev.pgwake.proxy.testing.Hex.consume;
import static dev.pgwake.proxy.testing.Hex.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultSetWriterTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    @Test
    void aResultIsRowDescriptionThenADataRowPerRowThenCommandComplete() {
        ResultSet result = new ResultSet("SHOW", List.of("name", "n"),
                List.of(Arrays.asList("main", null), List.of("feat", "12")));

        String expected = ""
                // RowDescription: 'T', Int32 49, Int16 2; "name" and "n", each text (OID 25, size -1, modifier -1, format 0)
                + "54 00000031 0002"
                + " 6e616d6500 00000000 0000 00000019 ffff ffffffff 0000"
                + " 6e00       00000000 0000 00000019 ffff ffffffff 0000"
                // DataRow: 'D', Int32 18, Int16 2, Int32 4 "main", Int32 -1 (NULL)
                + " 44 00000012 0002 00000004 6d61696e ffffffff"
                // DataRow: 'D', Int32 20, Int16 2, Int32 4 "feat", Int32 2 "12"
                + " 44 00000014 0002 00000004 66656174 00000002 3132"
                // CommandComplete: 'C', Int32 9, "SHOW"
                + " 43 00000009 53484f5700";
        assertEquals(normalize(expected), consume(ResultSetWriter.encode(result, ALLOC)));
    }

    @Test
    void noRowsIsStillARowDescription() {
        ResultSet result = new ResultSet("SHOW", List.of("n"), List.of());

        // 'T', Int32 26, Int16 1, "n", 18 bytes of field metadata; 'C', Int32 9, "SHOW"
        assertEquals(normalize("54 0000001a 0001 6e00 00000000 0000 00000019 ffff ffffffff 0000 43 00000009 53484f5700"),
                consume(ResultSetWriter.encode(result, ALLOC)));
    }

    @Test
    void aTagOnlyResultIsJustCommandComplete() {
        // 'C', Int32 8, "SET"
        assertEquals(normalize("43 00000008 53455400"), consume(ResultSetWriter.encode(ResultSet.tagOnly("SET"), ALLOC)));
    }

    @Test
    void everyRowHasAValuePerColumn() {
        assertThrows(IllegalArgumentException.class, () -> new ResultSet("SHOW", List.of("a", "b"), List.of(List.of("1"))));
    }
}
