package dev.pgwake.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.pool.ServerSettings;
import dev.pgwake.proxy.relay.SessionCommand.Assign;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionSettings} and {@link ServerSettings}: the SQL that brings a server connection in line with a
 * client, and the stamp that spares the comparison when a client lands again on a connection it left.
 */
class SessionSettingsAlignmentTest {
    private final ServerSettings server = new ServerSettings();

    private static SessionSettings startingWith(String... namesAndValues) {
        Map<String, String> startup = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            startup.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new SessionSettings(new Baselines().of(startup));
    }

    /** The statements of an alignment, in any order. */
    private static Set<String> statements(String sql) {
        return new HashSet<>(Arrays.asList(sql.split("; ")));
    }

    @Test
    void alignmentSetsWhatTheServerLacksAndUpdatesTheServer() {
        SessionSettings settings = startingWith("application_name", "app");

        assertEquals("SET \"application_name\" TO 'app'", settings.alignmentFor(server));

        assertEquals("'app'", server.get("application_name"));
        assertNull(settings.alignmentFor(server), "aligned: nothing more to do");
    }

    @Test
    void alignmentSetsThenResetsWhatOnlyTheServerHas() {
        SessionSettings settings = startingWith("timezone", "UTC");
        server.put("timezone", "'Europe/Paris'");
        server.put("search_path", "other");

        assertEquals("SET \"timezone\" TO 'UTC'; RESET \"search_path\"", settings.alignmentFor(server));

        assertTrue(server.sameAs(Map.of("timezone", "'UTC'")));
    }

    @Test
    void alignmentOfSeveralSettingsHasOneStatementForEach() {
        SessionSettings settings = startingWith("timezone", "UTC", "datestyle", "ISO, DMY", "search_path", "app");
        server.put("datestyle", "'ISO, DMY'");
        server.put("statement_timeout", "5000");
        server.put("work_mem", "'64MB'");

        String sql = settings.alignmentFor(server);

        assertEquals(Set.of("SET \"timezone\" TO 'UTC'", "SET \"search_path\" TO 'app'",
                "RESET \"statement_timeout\"", "RESET \"work_mem\""), statements(sql));
        assertTrue(sql.indexOf("SET ") < sql.indexOf("RESET "), "every SET comes before the RESETs: " + sql);
    }

    @Test
    void alignmentQuotesNamesAsIdentifiers() {
        SessionSettings settings = startingWith();
        settings.succeeded(List.of(new Assign("my.\"odd\"", "1")));
        settings.commit(new ServerSettings());

        assertEquals("SET \"my.\"\"odd\"\"\" TO 1", settings.alignmentFor(server));
    }

    @Test
    void anAlignmentOfAServerThatMatchesIsNull() {
        SessionSettings settings = startingWith("timezone", "UTC");
        server.put("timezone", "'UTC'");

        assertNull(settings.alignmentFor(server));
    }

    @Test
    void aNewServerDiffersFromAClientWithStartupSettings() {
        assertTrue(startingWith("application_name", "app").differsFrom(server));
        assertFalse(startingWith().differsFrom(new ServerSettings()));
    }

    @Test
    void afterAlignmentTheServerIsStampedUntilTheClientChangesSomething() {
        Map<String, String> baseline = new Baselines().of(Map.of("application_name", "app"));
        SessionSettings settings = new SessionSettings(baseline);
        settings.alignmentFor(server);
        assertTrue(server.alignedWith(baseline, 0), "stamped with the client's (shared) settings map");
        assertFalse(settings.differsFrom(server));

        settings.succeeded(List.of(new SessionCommand.Assign("work_mem", "'1MB'")));
        settings.commit(new ServerSettings());

        assertTrue(settings.differsFrom(server), "a changed client is compared again");
    }

    @Test
    void aComparisonFoundEqualStampsTheServerToo() {
        Map<String, String> baseline = new Baselines().of(Map.of("application_name", "app"));
        server.put("application_name", "'app'");
        assertFalse(server.alignedWith(baseline, 0));

        assertFalse(new SessionSettings(baseline).differsFrom(server));

        assertTrue(server.alignedWith(baseline, 0), "stamped by the comparison");
    }

    @Test
    void aServerFoundDifferentIsNotStamped() {
        SessionSettings settings = startingWith("application_name", "app");
        assertTrue(settings.differsFrom(server));

        server.put("application_name", "'app'");

        assertFalse(settings.differsFrom(server));
    }

    @Test
    void anyChangeOnTheServerClearsTheStamp() {
        SessionSettings settings = startingWith("application_name", "app");
        settings.alignmentFor(server);

        server.put("application_name", "'other'");
        assertTrue(settings.differsFrom(server), "put");

        settings.alignmentFor(server);
        server.remove("application_name");
        assertTrue(settings.differsFrom(server), "remove");

        settings.alignmentFor(server);
        server.clear();
        assertTrue(settings.differsFrom(server), "clear");
    }

    @Test
    void aCommittedSetOfTheClientMakesItCompareAgain() {
        SessionSettings settings = startingWith("application_name", "app");
        settings.alignmentFor(server);
        ServerSettings elsewhere = new ServerSettings();

        settings.succeeded(List.of(new Assign("work_mem", "'1MB'")));
        settings.commit(elsewhere); // ran on another connection: this one lacks it

        assertTrue(settings.differsFrom(server));
        assertEquals("SET \"work_mem\" TO '1MB'", settings.alignmentFor(server));
    }

    @Test
    void aReportedChangeOfTheClientMakesItCompareAgain() {
        SessionSettings settings = startingWith("application_name", "app");
        settings.alignmentFor(server);
        ServerSettings elsewhere = new ServerSettings();

        settings.reported("TimeZone", "UTC", elsewhere);

        assertTrue(settings.differsFrom(server));
    }

    @Test
    void clientsSharingABaselineShareTheStampOthersAreCompared() {
        Baselines baselines = new Baselines();
        Map<String, String> shared = baselines.of(Map.of("application_name", "app"));
        new SessionSettings(shared).alignmentFor(server);
        assertSame(shared, baselines.of(Map.of("application_name", "app")), "one map for the same startup settings");

        Map<String, String> elsewhere = new Baselines().of(Map.of("application_name", "app"));
        assertFalse(server.alignedWith(elsewhere, 0), "an equal map from elsewhere is not the stamp");
        assertFalse(new SessionSettings(elsewhere).differsFrom(server), "compared, and equal");
        assertTrue(server.alignedWith(elsewhere, 0));
    }

    @Test
    void clientsThatChangedAlikeShareOneMapAndAChangeOfOneLeavesTheOtherAsItWas() {
        Baselines baselines = new Baselines();
        Map<String, String> baseline = baselines.of(Map.of("timezone", "UTC"));
        SessionSettings first = new SessionSettings(baseline, baselines);
        SessionSettings second = new SessionSettings(baseline, baselines);
        ServerSettings firstServer = new ServerSettings();
        ServerSettings secondServer = new ServerSettings();

        first.succeeded(List.of(new Assign("application_name", "'app'")));
        first.commit(firstServer);
        second.reported("application_name", "app", secondServer);
        assertSame(first.current(), second.current(), "one map for the same settings");

        second.succeeded(List.of(new Assign("search_path", "app")));
        second.commit(secondServer);

        assertEquals(Map.of("timezone", "'UTC'", "application_name", "'app'"), first.current());
        assertEquals(Map.of("timezone", "'UTC'", "application_name", "'app'", "search_path", "app"), second.current());
        assertTrue(first.differsFrom(secondServer), "the server the second client changed is not the first's");
        first.alignmentFor(firstServer);
        assertEquals("SET \"search_path\" TO app", second.alignmentFor(firstServer));
        assertFalse(second.differsFrom(firstServer));
    }

    @Test
    void aResetBackToTheStartupValueIsTheBaselineAgain() {
        Baselines baselines = new Baselines();
        Map<String, String> baseline = baselines.of(Map.of("application_name", "app"));
        SessionSettings settings = new SessionSettings(baseline, baselines);

        settings.succeeded(List.of(new Assign("application_name", "'other'")));
        settings.commit(server);
        settings.succeeded(List.of(new SessionCommand.Reset("application_name")));
        settings.commit(server);

        assertSame(baseline, settings.current());
    }
}
