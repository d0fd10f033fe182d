package dev.pgwake.loadtest.branch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pgwake.loadtest.scenario.Target;
import java.net.URI;
import org.junit.jupiter.api.Test;

class PgwakeUrlsTest {

    @Test
    void theAdminConsoleIsDatabasePgwakeOnTheSameHostsWithoutTheBranchChoice() {
        assertEquals("jdbc:postgresql://127.0.0.1:6432/pgwake?sslmode=disable",
                PgwakeUrls.admin("jdbc:postgresql://127.0.0.1:6432/postgres?sslmode=disable"));
        assertEquals("jdbc:postgresql://h1:1,h2:2/pgwake?sslmode=require&ApplicationName=x",
                PgwakeUrls.admin("jdbc:postgresql://h1:1,h2:2/app@feature?options=--branch%3Dx&sslmode=require"
                        + "&preferQueryMode=extended&ApplicationName=x"));
        assertEquals("jdbc:postgresql://h/pgwake", PgwakeUrls.admin("jdbc:postgresql://h"));
        assertEquals("jdbc:postgresql:pgwake", PgwakeUrls.admin("jdbc:postgresql:appdb"));
    }

    @Test
    void somethingElseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PgwakeUrls.admin("postgres://h/db"));
    }

    @Test
    void theAdminLoginDefaultsToPostgres() {
        Target admin = PgwakeUrls.adminBeside(new Target("jdbc:postgresql://h:1/db", null, null));
        assertEquals("postgres", admin.user());
        assertEquals("jdbc:postgresql://h:1/pgwake", admin.url());
        assertEquals("app", PgwakeUrls.adminBeside(new Target("jdbc:postgresql://h:1/db", "app", "pw")).user());
    }

    @Test
    void theHttpListenerIsOnTheFirstHostAtPgwakesDefaultPort() {
        assertEquals(URI.create("http://127.0.0.1:8432"), PgwakeUrls.httpBeside("jdbc:postgresql://127.0.0.1:6432/db"));
        assertEquals(URI.create("http://db.example:8432"), PgwakeUrls.httpBeside("jdbc:postgresql://db.example,h2:7/db"));
        assertEquals(URI.create("http://[::1]:8432"), PgwakeUrls.httpBeside("jdbc:postgresql://[::1]:6432/db"));
        assertEquals(URI.create("http://localhost:8432"), PgwakeUrls.httpBeside("jdbc:postgresql:db"));
    }
}
