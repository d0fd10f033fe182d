package dev.pgwake.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.proxy.pool.ServerSettings;
import dev.pgwake.proxy.relay.SessionCommand.Assign;
import dev.pgwake.proxy.relay.SessionCommand.Discard;
import dev.pgwake.proxy.relay.SessionCommand.Release;
import dev.pgwake.proxy.relay.SessionCommand.Reset;
import dev.pgwake.proxy.relay.SessionCommand.ResetAll;
import dev.pgwake.proxy.relay.SessionCommand.RollbackTo;
import dev.pgwake.proxy.relay.SessionCommand.Savepoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionSettings}: the baseline from the startup packet, what SET, RESET, RESET ALL and DISCARD ALL do once
 * their transaction ends well, savepoints, and reported parameters. Bringing a server in line:
 * {@link SessionSettingsAlignmentTest}.
 */
class SessionSettingsTest {
    private final ServerSettings server = new ServerSettings();

    private static SessionSettings startingWith(String... namesAndValues) {
        Map<String, String> startup = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            startup.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new SessionSettings(new Baselines().of(startup));
    }

    @Test
    void theBaselineIsTheStartupParametersAsLowerCaseNamesAndQuotedLiterals() {
        SessionSettings settings = startingWith("TimeZone", "UTC", "application_name", "O'Brien's app");

        assertEquals(Map.of("timezone", "'UTC'", "application_name", "'O''Brien''s app'"), settings.current());
    }

    @Test
    void literalDoublesEverySingleQuote() {
        assertEquals("''''", SessionSettings.literal("'"));
        assertEquals("'a''''b'", SessionSettings.literal("a''b"));
        assertEquals("''", SessionSettings.literal(""));
    }

    @Test
    void aSetIsPendingUntilCommitThenOnTheClientAndTheServerThatRanIt() {
        SessionSettings settings = startingWith();

        settings.succeeded(List.of(new Assign("search_path", "app, public")));
        assertEquals(Map.of(), settings.current(), "inside the transaction, not yet");
        settings.commit(server);

        assertEquals(Map.of("search_path", "app, public"), settings.current());
        assertTrue(server.sameAs(Map.of("search_path", "app, public")));
        settings.commit(server);
        assertEquals(Map.of("search_path", "app, public"), settings.current(), "committed once");
    }

    @Test
    void aRolledBackTransactionLeavesNoSetBehind() {
        SessionSettings settings = startingWith("timezone", "UTC");
        settings.succeeded(List.of(new Assign("timezone", "'Asia/Tokyo'")));
        settings.succeeded(List.of(new Assign("search_path", "app")));

        settings.rolledBack();
        settings.commit(server);

        assertEquals(Map.of("timezone", "'UTC'"), settings.current());
        assertEquals(Set.of(), server.names());
    }

    @Test
    void aWholeRollbackInTheSameRequestUndoesItsSetsBeforeItBackToACommit() {
        SessionSettings settings = startingWith();
        settings.succeeded(List.of(new Assign("work_mem", "'1MB'"))); // an earlier request: the ROLLBACK tag's
        settings.succeeded(List.of(new Assign("search_path", "a"), new SessionCommand.Commit(),
                new Assign("timezone", "'UTC'"), new SessionCommand.Rollback(), new Assign("statement_timeout", "5")));
        settings.commit(server);

        assertEquals(Map.of("work_mem", "'1MB'", "search_path", "a", "statement_timeout", "5"), settings.current());
    }

    @Test
    void commandsThatAreNoSettingsAreIgnored() {
        SessionSettings settings = startingWith();

        settings.succeeded(List.of(new Discard(Discard.Kind.PLANS), new SessionCommand.DeallocateAll(),
                new SessionCommand.Pin(PinReason.LISTEN)));
        settings.commit(server);

        assertEquals(Map.of(), settings.current());
    }

    @Test
    void resetGoesBackToTheStartupValueAndTheServerToItsOwn() {
        SessionSettings settings = startingWith("timezone", "UTC");
        settings.succeeded(List.of(new Assign("timezone", "'Asia/Tokyo'"), new Assign("search_path", "app")));
        settings.commit(server);

        settings.succeeded(List.of(new Reset("timezone"), new Reset("search_path")));
        settings.commit(server);

        assertEquals(Map.of("timezone", "'UTC'"), settings.current());
        assertEquals(Set.of(), server.names(), "RESET on the server went back to the server's own defaults");
        assertEquals("SET \"timezone\" TO 'UTC'", settings.alignmentFor(server));
    }

    @Test
    void resetAllGoesBackToTheBaselineAndClearsTheServer() {
        SessionSettings settings = startingWith("timezone", "UTC");
        settings.succeeded(List.of(new Assign("timezone", "'Asia/Tokyo'"), new Assign("work_mem", "'1MB'")));
        settings.commit(server);

        settings.succeeded(List.of(new ResetAll()));
        settings.commit(server);

        assertEquals(Map.of("timezone", "'UTC'"), settings.current());
        assertEquals(Set.of(), server.names());
    }

    @Test
    void discardAllGoesBackToTheBaselineAndClearsTheServer() {
        SessionSettings settings = startingWith("application_name", "app");
        settings.succeeded(List.of(new Assign("work_mem", "'1MB'"), new Assign("application_name", "'other'")));
        settings.commit(server);

        settings.succeeded(List.of(new Discard(Discard.Kind.ALL)));
        settings.commit(server);

        assertEquals(Map.of("application_name", "'app'"), settings.current());
        assertEquals(Set.of(), server.names());
    }

    @Test
    void aSetAfterResetAllInTheSameTransactionStays() {
        SessionSettings settings = startingWith();

        settings.succeeded(List.of(new Assign("work_mem", "'1MB'"), new ResetAll(), new Assign("search_path", "app")));
        settings.commit(server);

        assertEquals(Map.of("search_path", "app"), settings.current());
        assertTrue(server.sameAs(Map.of("search_path", "app")));
    }

    @Test
    void rollbackToASavepointUndoesTheSetsSinceIt() {
        SessionSettings settings = startingWith();
        settings.succeeded(List.of(new Assign("a.x", "1")));
        settings.succeeded(List.of(new Savepoint("s1")));
        settings.succeeded(List.of(new Assign("a.y", "2")));

        settings.succeeded(List.of(new RollbackTo("s1")));
        settings.succeeded(List.of(new Assign("a.z", "3")));
        settings.commit(server);

        assertEquals(Map.of("a.x", "1", "a.z", "3"), settings.current());
    }

    @Test
    void aSavepointStaysAfterRollbackToIt() {
        SessionSettings settings = startingWith();
        settings.succeeded(List.of(new Savepoint("s1"), new Assign("a.x", "1"), new RollbackTo("s1")));

        settings.succeeded(List.of(new Assign("a.y", "2"), new RollbackTo("s1")));
        settings.commit(server);

        assertEquals(Map.of(), settings.current());
    }

    @Test
    void rollbackToAnOuterSavepointUndoesTheInnerOnesToo() {
        SessionSettings settings = startingWith();
        settings.succeeded(List.of(new Savepoint("outer"), new Assign("a.x", "1"), new Savepoint("inner"),
                new Assign("a.y", "2")));

        settings.succeeded(List.of(new RollbackTo("outer")));
        settings.succeeded(List.of(new Assign("a.z", "3"), new RollbackTo("inner"))); // inner is gone: no effect
        settings.commit(server);

        assertEquals(Map.of("a.z", "3"), settings.current());
    }

    @Test
    void releaseKeepsTheSetsSinceTheSavepointWithTheTransaction() {
        SessionSettings settings = startingWith();
        settings.succeeded(List.of(new Savepoint("outer"), new Savepoint("inner"), new Assign("a.x", "1")));

        settings.succeeded(List.of(new Release("inner")));
        settings.succeeded(List.of(new Assign("a.y", "2")));
        settings.commit(server);

        assertEquals(Map.of("a.x", "1", "a.y", "2"), settings.current());
    }

    @Test
    void releaseOfAnOuterSavepointReleasesTheInnerOnes() {
        SessionSettings settings = startingWith();
        settings.succeeded(List.of(new Savepoint("outer"), new Assign("a.x", "1"), new Savepoint("inner"),
                new Assign("a.y", "2")));

        settings.succeeded(List.of(new Release("outer")));
        settings.succeeded(List.of(new RollbackTo("inner"))); // PostgreSQL refuses it; here it finds nothing
        settings.commit(server);

        assertEquals(Map.of("a.x", "1", "a.y", "2"), settings.current());
    }

    @Test
    void aReusedSavepointNameMeansTheInnermost() {
        SessionSettings settings = startingWith();
        settings.succeeded(List.of(new Savepoint("s"), new Assign("a.x", "1"), new Savepoint("s"),
                new Assign("a.y", "2")));

        settings.succeeded(List.of(new RollbackTo("s"))); // the inner s: a.y goes
        settings.succeeded(List.of(new Release("s"), new Assign("a.z", "3"), new RollbackTo("s")));
        settings.commit(server);

        assertEquals(Map.of(), settings.current(), "the outer s took a.x and a.z with it");
    }

    @Test
    void savepointsEndWithTheTransaction() {
        SessionSettings settings = startingWith();
        settings.succeeded(List.of(new Savepoint("s1"), new Assign("a.x", "1")));
        settings.commit(server);

        settings.succeeded(List.of(new Assign("a.y", "2")));
        settings.succeeded(List.of(new RollbackTo("s1"))); // s1 belonged to the last transaction
        settings.commit(server);

        assertEquals(Map.of("a.x", "1", "a.y", "2"), settings.current());
    }

    @Test
    void aReportedSettableParameterIsTakenAsAQuotedLiteralOnBothSides() {
        SessionSettings settings = startingWith();

        settings.reported("TimeZone", "Europe/Paris", server);
        settings.reported("application_name", "it's", server);

        assertEquals(Map.of("timezone", "'Europe/Paris'", "application_name", "'it''s'"), settings.current());
        assertTrue(server.sameAs(settings.current()));
    }

    @Test
    void everySettableReportedParameterIsTaken() {
        SessionSettings settings = startingWith();
        List<String> settable = List.of("application_name", "client_encoding", "DateStyle", "IntervalStyle",
                "TimeZone", "standard_conforming_strings", "default_transaction_read_only", "search_path");

        settable.forEach(name -> settings.reported(name, "v", server));

        assertEquals(settable.size(), settings.current().size());
    }

    @Test
    void aReportedReadOnlyParameterIsNeverReplayed() {
        SessionSettings settings = startingWith();

        for (String name : List.of("server_version", "server_encoding", "integer_datetimes", "is_superuser",
                "session_authorization", "in_hot_standby", "scram_iterations")) {
            settings.reported(name, "on", server);
        }

        assertEquals(Map.of(), settings.current());
        assertEquals(Set.of(), server.names());
    }
}
