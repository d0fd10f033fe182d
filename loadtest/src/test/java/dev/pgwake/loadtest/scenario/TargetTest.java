package dev.pgwake.loadtest.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void passwordsNeverReachReports() {
        Target t = new Target("jdbc:postgresql://h:6432/db?user=app&password=s3cret&sslmode=disable", null, "other");
        assertEquals("jdbc:postgresql://h:6432/db?user=app&password=***&sslmode=disable", t.redactedUrl());
        assertFalse(t.toString().contains("s3cret"));
        assertFalse(t.toString().contains("other"));
        assertEquals("jdbc:postgresql://h/db?PASSWORD=***", new Target("jdbc:postgresql://h/db?PASSWORD=x", null, null).redactedUrl());
    }

    @Test
    void readsUrlParameters() {
        Target t = new Target("jdbc:postgresql://h/db?sslmode=disable&options=-c%20work_mem%3D4MB", null, null);
        assertEquals(Map.of("sslmode", "disable", "options", "-c work_mem=4MB"), t.urlParameters());
        assertEquals("disable", t.sslMode());
        assertTrue(new Target("jdbc:postgresql://h/db", null, null).sslMode().startsWith("prefer"));
    }

    @Test
    void aScenarioCanInsistOnSettingAParameterItself() throws ScenarioException {
        new Target("jdbc:postgresql://h/db?sslmode=disable", null, null).requireUnset("--mode", "preferQueryMode");
        ScenarioException e = assertThrows(ScenarioException.class, () ->
                new Target("jdbc:postgresql://h/db?preferquerymode=simple", null, null).requireUnset("--mode", "preferQueryMode"));
        assertTrue(e.getMessage().contains("preferquerymode") && e.getMessage().contains("--mode"), e.getMessage());
    }

    @Test
    void onlyPostgresqlUrls() {
        assertThrows(IllegalArgumentException.class, () -> new Target("postgres://h/db", null, null));
        assertThrows(IllegalArgumentException.class, () -> new Target(null, null, null));
    }
}
