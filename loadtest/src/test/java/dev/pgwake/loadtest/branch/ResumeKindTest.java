package dev.pgwake.loadtest.branch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeKindTest {

    @Test
    void kindsInTheOrderGiven() {
        assertEquals(List.of(ResumeKind.HOT, ResumeKind.WARM, ResumeKind.COLD), ResumeKind.parseList("hot,warm,cold"));
        assertEquals(List.of(ResumeKind.COLD, ResumeKind.HOT), ResumeKind.parseList(" Cold , hot"));
        assertEquals("warm", ResumeKind.WARM.label(), "as SHOW BRANCHES says it");
    }

    @Test
    void unknownEmptyOrRepeatedKindsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ResumeKind.parseList("hot,lukewarm"))
                .getMessage().contains("'lukewarm' is not a resume kind"));
        assertThrows(IllegalArgumentException.class, () -> ResumeKind.parseList(""));
        assertThrows(IllegalArgumentException.class, () -> ResumeKind.parseList("hot,,cold"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ResumeKind.parseList("hot,HOT"))
                .getMessage().contains("twice"));
    }

    @Test
    void eachKindNamesTheSleepItWakesFrom() {
        assertEquals("SUSPEND BRANCH main", ResumeKind.HOT.sleepCommand("main"));
        assertEquals("STOP BRANCH f-1", ResumeKind.WARM.sleepCommand("f-1"));
        assertEquals("ARCHIVE BRANCH x", ResumeKind.COLD.sleepCommand("x"));
        assertThrows(IllegalArgumentException.class, () -> ResumeKind.HOT.sleepCommand("x; DROP BRANCH y"));
        assertEquals(ResumeKind.WARM, ResumeKind.fromSleepState("stopped").orElseThrow());
        assertTrue(ResumeKind.fromSleepState("running").isEmpty());
        assertEquals(ResumeKind.COLD, ResumeKind.fromLabel("cold").orElseThrow());
    }
}
