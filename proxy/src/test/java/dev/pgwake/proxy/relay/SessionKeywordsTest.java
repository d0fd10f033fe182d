package dev.pgwake.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionKeywordsTest {

    private static boolean present(String sql) {
        ByteBuf text = Unpooled.copiedBuffer(sql, StandardCharsets.UTF_8);
        try {
            return SessionKeywords.present(text, text.readerIndex(), text.readableBytes());
        } finally {
            text.release();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET x = 1", "set x = 1", "sEt", "DISCARD ALL", "DEALLOCATE p", "LISTEN ch", "create temp table t()",
        "CREATE TABLE t()", "DECLARE c CURSOR WITH HOLD FOR SELECT 1", "CLOSE c", "PREPARE p AS SELECT 1",
        "SAVEPOINT a", "ROLLBACK TO a", "RELEASE a", "select pg_advisory_lock(1)", "select pg_try_ADVISORY_lock(1)",
        "begin; select 1; SET LOCAL x = 2", "select 'é'; reset all; set y = 3", "  \n\tset x=1;"})
    void aSessionWordAnywhereInAnyCaseIsFound(String sql) {
        assertEquals(true, present(sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT abalance FROM pgbench_accounts WHERE aid = 12345;",
        "UPDATE pgbench_tellers SET tbalance = tbalance + 1 WHERE tid = 1", // SET here too: conservative
        "insert into t values ('séléct', 'ß', '日本')", "", "se", "SE", "selec", "clos", "tem"})
    void theWordsAreLookedForNotGuessed(String sql) {
        boolean expected = sql.toLowerCase(java.util.Locale.ROOT).contains("set");
        assertEquals(expected, present(sql), sql);
    }

    @ParameterizedTest
    @CsvSource({"0, 6, false", "7, 3, true", "6, 4, true", "7, 2, false", "8, 7, false", "0, 15, true"})
    void onlyTheGivenBytesCount(int from, int length, boolean expected) {
        ByteBuf text = Unpooled.copiedBuffer("select set abcd", StandardCharsets.US_ASCII);
        try {
            assertEquals(expected, SessionKeywords.present(text, from, length));
        } finally {
            text.release();
        }
    }
}
