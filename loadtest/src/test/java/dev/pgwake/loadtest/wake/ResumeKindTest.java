package dev.pgwake.loadtest.wake;

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
    void coldModes() {
        assertEquals(ColdMode.NEW_BRANCH, ColdMode.parse("new-branch"));
        assertEquals(ColdMode.ARCHIVE, ColdMode.parse(" Archive"));
        assertEquals("new-branch", ColdMode.NEW_BRANCH.label());
        assertThrows(IllegalArgumentException.class, () -> ColdMode.parse("new_branch"));
    }
}
