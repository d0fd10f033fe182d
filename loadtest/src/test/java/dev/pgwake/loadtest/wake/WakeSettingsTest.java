package dev.pgwake.loadtest.wake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.loadtest.branch.AdminConsole;
import dev.pgwake.loadtest.branch.ResumeKind;
import dev.pgwake.loadtest.scenario.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WakeSettingsTest {
    private static final Target ADMIN = new Target("jdbc:postgresql://h/pgwake", "postgres", null);

    private static WakeSettings settings(String branch, List<ResumeKind> kinds, int repeat, int warmup) {
        return new WakeSettings(branch, kinds, repeat, warmup, ColdMode.ARCHIVE, ADMIN, null, Duration.ZERO);
    }

    @Test
    void branchNamesAreWhatPgwakeAcceptsSoTheyCanGoIntoCommands() {
        assertEquals("wake-12", AdminConsole.checkBranchName("wake-12"));
        assertEquals("feature_x", AdminConsole.checkBranchName("feature_x"));
        for (String bad : new String[] {"Main", "-x", "", "main; DROP BRANCH x", "a b", "x".repeat(64)}) {
            assertThrows(IllegalArgumentException.class, () -> AdminConsole.checkBranchName(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> settings("main;", List.of(ResumeKind.HOT), 1, 0));
    }

    @Test
    void repetitionsAndKindsMustMakeSense() {
        assertThrows(IllegalArgumentException.class, () -> settings("main", List.of(), 1, 0));
        assertThrows(IllegalArgumentException.class, () -> settings("main", List.of(ResumeKind.HOT), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> settings("main", List.of(ResumeKind.HOT), 1, -1));
        assertEquals(0, settings("main", List.of(ResumeKind.HOT), 1, 0).warmup());
        assertThrows(IllegalArgumentException.class, () -> new WakeSettings("main", List.of(ResumeKind.HOT), 1, 0,
                ColdMode.ARCHIVE, ADMIN, null, Duration.ofMillis(-1)));
    }

    @Test
    void bareSettingsNameTheMissingProgram() {
        BareSettings none = new BareSettings(Path.of("/tmp"), Path.of("/nonexistent/bin"), "postgres");
        assertTrue(none.missingProgram().orElseThrow().contains("/nonexistent/bin/initdb"));
    }

    @Test
    void failuresAreCodedBySqlstateElseByClass() {
        WakeFailure sql = WakeFailure.of("connect", new SQLException("wrapped", new SQLException("cannot wake", "57P03")));
        assertEquals("57P03", sql.code());
        assertEquals("connect", sql.step());
        assertEquals("connect: wrapped", sql.getMessage());
        assertEquals("IOException", WakeFailure.of("copy", new java.io.IOException("disk full")).code());
    }

    @Test
    void coldModes() {
        assertEquals(ColdMode.NEW_BRANCH, ColdMode.parse("new-branch"));
        assertEquals(ColdMode.ARCHIVE, ColdMode.parse(" Archive"));
        assertEquals("new-branch", ColdMode.NEW_BRANCH.label());
        assertThrows(IllegalArgumentException.class, () -> ColdMode.parse("new_branch"));
    }
}
