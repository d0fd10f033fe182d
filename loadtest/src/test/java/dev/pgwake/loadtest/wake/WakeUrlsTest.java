package dev.pgwake.loadtest.wake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pgwake.loadtest.scenario.Target;
import org.junit.jupiter.api.Test;

class WakeUrlsTest {

    @Test
    void theAdminConsoleIsDatabasePgwakeOnTheSameHostsWithoutTheBranchChoice() {
        assertEquals("jdbc:postgresql://127.0.0.1:6432/pgwake?sslmode=disable",
                WakeUrls.admin("jdbc:postgresql://127.0.0.1:6432/postgres?sslmode=disable"));
        assertEquals("jdbc:postgresql://h1:1,h2:2/pgwake?sslmode=require&ApplicationName=x",
                WakeUrls.admin("jdbc:postgresql://h1:1,h2:2/app@feature?options=--branch%3Dx&sslmode=require"
                        + "&preferQueryMode=extended&ApplicationName=x"));
        assertEquals("jdbc:postgresql://h/pgwake", WakeUrls.admin("jdbc:postgresql://h"));
        assertEquals("jdbc:postgresql:pgwake", WakeUrls.admin("jdbc:postgresql:appdb"));
    }

    @Test
    void theBareServerGetsTheClientParametersButNotTheBranchOrTheLogin() {
        assertEquals("jdbc:postgresql://127.0.0.1:20001/postgres?sslmode=disable&preferQueryMode=simple",
                WakeUrls.bare("jdbc:postgresql://10.0.0.1:6432/app?OPTIONS=--branch%3Dmain&sslmode=disable"
                        + "&user=app&password=secret&preferQueryMode=simple", 20001));
        assertEquals("jdbc:postgresql://127.0.0.1:20001/postgres", WakeUrls.bare("jdbc:postgresql://h/db?", 20001));
    }

    @Test
    void somethingElseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> WakeUrls.admin("postgres://h/db"));
    }

    @Test
    void theAdminLoginDefaultsToPostgres() {
        Target admin = WakeSettings.adminBeside(new Target("jdbc:postgresql://h:1/db", null, null));
        assertEquals("postgres", admin.user());
        assertEquals("jdbc:postgresql://h:1/pgwake", admin.url());
        assertEquals("app", WakeSettings.adminBeside(new Target("jdbc:postgresql://h:1/db", "app", "pw")).user());
    }
}
