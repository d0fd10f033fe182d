package dev.pgwake.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ClientStatements}: a client that never prepared a statement, and one that did. */
class ClientStatementsTest {
    private static final byte[] DEFINITION = "SELECT 1\0\0\0".getBytes(StandardCharsets.UTF_8);

    @Test
    void beforeTheFirstStatementEveryLookupFindsNothingAndForgettingIsHarmless() {
        ClientStatements statements = new ClientStatements();

        assertNull(statements.get("s1"));
        assertFalse(statements.contains("s1"));
        assertNull(statements.byServerName(ClientStatements.SERVER_PREFIX + "0"));
        statements.remove("s1");
        statements.clear();
        assertFalse(statements.contains("s1"));
    }

    @Test
    void aStatementIsFoundByBothNamesUntilRemovedOrCleared() {
        ClientStatements statements = new ClientStatements();

        ClientStatements.Prepared prepared = statements.add("s1", DEFINITION, List.of());

        assertSame(prepared, statements.get("s1"));
        assertTrue(statements.contains("s1"));
        assertSame(prepared, statements.byServerName(prepared.serverName()));
        assertEquals(39, prepared.serverName().length());
        statements.remove("s1");
        assertNull(statements.get("s1"));
        statements.restore("s1", prepared);
        assertSame(prepared, statements.get("s1"));
        statements.clear();
        assertNull(statements.byServerName(prepared.serverName()));
    }
}
