package dev.pgwake.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.loadtest.report.ErrorCount;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorTallyTest {

    @Test
    void countsBySqlstateKeepingTheFirstMessage() {
        ErrorTally t = new ErrorTally();
        t.record(new SQLException("too many clients", "53300"));
        t.record(new SQLException("too many clients again", "53300"));
        t.record(new SQLException("wrapped", new SQLException("admin shutdown", "57P01")));
        t.record(new IllegalStateException("a bug"));
        List<ErrorCount> counts = t.counts();
        assertEquals(new ErrorCount("53300", 2, "too many clients"), counts.get(0), "most frequent first");
        assertEquals("57P01", counts.get(1).code(), "the SQLSTATE of a cause counts");
        assertEquals(new ErrorCount("IllegalStateException", 1, "a bug"), counts.get(2));
        assertEquals(4, t.total());
    }

    @Test
    void callersMayClassifyFailuresThemselves() {
        ErrorTally t = new ErrorTally();
        t.record("pgwake hot check mismatch", "  expected hot, got warm ");
        t.record("pgwake hot check mismatch", "expected hot, got none");
        t.record("bare cold copy IOException", "x".repeat(2000));
        assertEquals(new ErrorCount("pgwake hot check mismatch", 2, "expected hot, got warm"), t.counts().get(0));
        assertEquals(ErrorTally.MAX_MESSAGE + 3, t.counts().get(1).firstMessage().length());
        assertEquals(3, t.total());
    }

    @Test
    void longMessagesAreCutAndMissingOnesDescribed() {
        assertTrue(ErrorTally.message(new IOException("x".repeat(2000))).endsWith("..."));
        assertEquals(ErrorTally.MAX_MESSAGE + 3, ErrorTally.message(new IOException("x".repeat(2000))).length());
        assertEquals("java.io.IOException", ErrorTally.message(new IOException()));
    }
}
