package dev.pgwake.loadtest.wake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WakeUrlsTest {

    @Test
    void theBareServerGetsTheClientParametersButNotTheBranchOrTheLogin() {
        assertEquals("jdbc:postgresql://127.0.0.1:20001/postgres?sslmode=disable&preferQueryMode=simple",
                WakeUrls.bare("jdbc:postgresql://10.0.0.1:6432/app?OPTIONS=--branch%3Dmain&sslmode=disable"
                        + "&user=app&password=secret&preferQueryMode=simple", 20001));
        assertEquals("jdbc:postgresql://127.0.0.1:20001/postgres", WakeUrls.bare("jdbc:postgresql://h/db?", 20001));
    }
}
