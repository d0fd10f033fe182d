package dev.pgwake.proxy.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {
    private final ServerSettings settings = new ServerSettings();
    private final Object client = new Object();

    @Test
    void aNewConnectionHasOnlyTheValuesItStartedWith() {
        assertEquals(Set.of(), settings.names());
        assertNull(settings.get("timezone"));
        assertTrue(settings.sameAs(Map.of()));
        assertFalse(settings.alignedWith(client, 0), "found equal to nobody yet");
    }

    @Test
    void putRemoveAndClearChangeTheValues() {
        settings.put("timezone", "'UTC'");
        settings.put("search_path", "app");

        assertEquals("'UTC'", settings.get("timezone"));
        assertEquals(Set.of("timezone", "search_path"), settings.names());
        assertTrue(settings.sameAs(Map.of("timezone", "'UTC'", "search_path", "app")));
        assertFalse(settings.sameAs(Map.of("timezone", "'UTC'")));
        settings.remove("timezone");
        assertEquals(Set.of("search_path"), settings.names());
        settings.clear();
        assertEquals(Set.of(), settings.names());
    }

    @Test
    void replaceWithTakesTheWantedValuesAndTheirOwnerAndVersion() {
        settings.put("statement_timeout", "0");

        settings.replaceWith(Map.of("timezone", "'UTC'"), client, 7);

        assertTrue(settings.sameAs(Map.of("timezone", "'UTC'")));
        assertTrue(settings.alignedWith(client, 7));
        assertFalse(settings.alignedWith(client, 8), "a later version of the same client");
        assertFalse(settings.alignedWith(new Object(), 7), "another client at the same version");
    }

    @Test
    void markAlignedRemembersOneOwnerAtATime() {
        Object other = new Object();
        settings.markAligned(client, 1);

        settings.markAligned(other, 1);

        assertTrue(settings.alignedWith(other, 1));
        assertFalse(settings.alignedWith(client, 1));
    }

    @Test
    void everyChangeForgetsWhomTheSettingsWereAlignedWith() {
        settings.markAligned(client, 1);
        settings.put("timezone", "'UTC'");
        assertFalse(settings.alignedWith(client, 1), "put");

        settings.markAligned(client, 1);
        settings.remove("timezone");
        assertFalse(settings.alignedWith(client, 1), "remove");

        settings.markAligned(client, 1);
        settings.clear();
        assertFalse(settings.alignedWith(client, 1), "clear");
    }
}
