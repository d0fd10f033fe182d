package dev.pgwake.proxy.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerStatementsTest {
    /** The pool's record of plans gone stale, by statement name (System.nanoTime). */
    private final Map<String, Long> staleInPool = new HashMap<>();
    private final ServerStatements statements = new ServerStatements(3, staleInPool::get);

    @Test
    void aStatementAddedIsThereAndOthersAreNot() {
        statements.added("pgwake_a");

        assertTrue(statements.has("pgwake_a"));
        assertFalse(statements.has("pgwake_b"));
        assertFalse(statements.isStale("pgwake_a"));
        assertEquals(1, statements.size());
    }

    @Test
    void belowCapacityNothingIsEvicted() {
        statements.added("a");
        statements.added("b");

        assertEquals(Optional.empty(), statements.evictionCandidate());
        assertEquals(2, statements.size());
    }

    @Test
    void atCapacityTheLeastRecentlyAddedGoesFirst() {
        statements.added("a");
        statements.added("b");
        statements.added("c");

        assertEquals(Optional.of("a"), statements.evictionCandidate());
        assertFalse(statements.has("a"), "the candidate is forgotten: the caller closes it");
        assertEquals(2, statements.size());
        assertEquals(Optional.empty(), statements.evictionCandidate());
    }

    @Test
    void aUseMakesAStatementTheMostRecentlyUsed() {
        statements.added("a");
        statements.added("b");
        statements.added("c");

        assertTrue(statements.has("a"));

        assertEquals(Optional.of("b"), statements.evictionCandidate());
        statements.added("d");
        assertEquals(Optional.of("c"), statements.evictionCandidate());
        statements.added("e");
        assertEquals(Optional.of("a"), statements.evictionCandidate());
    }

    @Test
    void aStatementAddedAgainBecomesTheMostRecentlyUsed() {
        statements.added("a");
        statements.added("b");
        statements.added("c");

        statements.added("a");

        assertEquals(3, statements.size());
        assertEquals(Optional.of("b"), statements.evictionCandidate());
    }

    @Test
    void aLookupOfAnUnknownNameCountsAsNoUse() {
        statements.added("a");
        statements.added("b");
        statements.added("c");

        assertFalse(statements.has("zzz"));

        assertEquals(Optional.of("a"), statements.evictionCandidate());
    }

    @Test
    void anInvalidatedStatementIsStaleUntilPreparedAgain() {
        statements.added("a");

        statements.invalidate("a");

        assertFalse(statements.has("a"));
        assertTrue(statements.isStale("a"), "still on the server: close it before preparing it again");
        assertEquals(0, statements.size());
        statements.added("a");
        assertTrue(statements.has("a"));
        assertFalse(statements.isStale("a"));
    }

    @Test
    void aStaleStatementTakesNoRoomOfTheCapacity() {
        statements.added("a");
        statements.added("b");
        statements.added("c");

        statements.invalidate("b");

        assertEquals(Optional.empty(), statements.evictionCandidate());
    }

    @Test
    void aPlanFoundStaleInThePoolAfterThePrepareMakesThisCopyStale() {
        statements.added("a");
        staleInPool.put("a", System.nanoTime()); // another connection of the pool hit the DDL

        assertFalse(statements.has("a"));
        assertTrue(statements.isStale("a"));
        assertEquals(0, statements.size());
    }

    @Test
    void aPlanFoundStaleInThePoolBeforeThePrepareLeavesThisCopyAlone() {
        staleInPool.put("a", System.nanoTime() - 1_000_000);
        statements.added("a");

        assertTrue(statements.has("a"));
        assertFalse(statements.isStale("a"));
    }

    @Test
    void aCopyPreparedAgainAfterThePoolFoundItStaleIsUsable() {
        statements.added("a");
        staleInPool.put("a", System.nanoTime());
        assertFalse(statements.has("a"));

        statements.added("a"); // closed and prepared afresh, after the DDL

        assertTrue(statements.has("a"));
        assertFalse(statements.isStale("a"));
    }

    @Test
    void aStalePlanOfAnotherStatementChangesNothing() {
        statements.added("a");
        staleInPool.put("b", System.nanoTime());

        assertTrue(statements.has("a"));
        assertFalse(statements.isStale("a"));
    }

    @Test
    void forgetUndoesAnAddThatDidNotHappen() {
        statements.added("a");

        statements.forget("a");

        assertFalse(statements.has("a"));
        assertFalse(statements.isStale("a"), "a Parse that failed left nothing on the server to close");
        assertEquals(0, statements.size());
    }

    @Test
    void forgetKeepsAStaleCopyStale() {
        statements.added("a");
        statements.invalidate("a"); // the Close of the stale copy failed: it is still on the server

        statements.forget("a"); // the Parse after it was skipped

        assertTrue(statements.isStale("a"));
        assertFalse(statements.has("a"));
    }

    @Test
    void clearForgetsEveryStatementAndEveryStaleCopy() {
        statements.added("a");
        statements.added("b");
        statements.invalidate("b");

        statements.clear();

        assertEquals(0, statements.size());
        assertFalse(statements.has("a"));
        assertFalse(statements.isStale("b"), "DISCARD ALL closed the stale copy too");
        assertEquals(Optional.empty(), statements.evictionCandidate());
    }
}
