package dev.pgwake.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouterParametersTest {

    private static final String NO_USER = "no PostgreSQL user name specified in startup packet";

    @Test
    void rejectsAMissingUser() {
        Startup.with("database", "app", "options", "branch=dev").assertRejected("28000", NO_USER);
    }

    @Test
    void rejectsAnEmptyUser() {
        Startup.with("user", "", "database", "app").assertRejected("28000", NO_USER);
    }

    @Test
    void rejectsAMissingUserBeforeLookingAtBranches() {
        Startup.with("database", "@", "options", "branch=BAD").sni("x!.example.com").assertRejected("28000", NO_USER);
    }

    @Test
    void aMissingDatabaseDefaultsToTheUserAndIsAppended() {
        Route route = Startup.with("user", "alice", "application_name", "psql").route();
        assertEquals("alice", route.user());
        assertEquals("alice", route.database());
        assertEquals(List.of("user", "application_name", "database"), keys(route));
        assertEquals("alice", route.forwardedParameters().get("database"));
    }

    @Test
    void anEmptyDatabaseDefaultsToTheUserInPlace() {
        Route route = Startup.with("database", "", "user", "alice", "client_encoding", "UTF8").route();
        assertEquals("alice", route.database());
        assertEquals(List.of("database", "user", "client_encoding"), keys(route));
        assertEquals("alice", route.forwardedParameters().get("database"));
    }

    @Test
    void preservesOrderAndValuesOfEveryOtherParameter() {
        Route route = Startup.with(
                "application_name", "psql", "user", "alice", "client_encoding", "UTF8",
                "options", "-c a=1 branch=dev --b=2", "DateStyle", "ISO, MDY", "database", "app@dev",
                "replication", "database", "_pq_.ext", "on", "extra_float_digits", "3").route();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("application_name", "psql");
        expected.put("user", "alice");
        expected.put("client_encoding", "UTF8");
        expected.put("options", "-c a=1 --b=2");
        expected.put("DateStyle", "ISO, MDY");
        expected.put("database", "app");
        expected.put("replication", "database");
        expected.put("_pq_.ext", "on");
        expected.put("extra_float_digits", "3");
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(route.forwardedParameters().entrySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Options", "OPTIONS", "Database"})
    void matchesParameterNamesExactly(String name) {
        Route route = Startup.with("user", "alice", name, "branch=x@y").route();
        assertEquals(BranchSource.DEFAULT, route.source());
        assertEquals("branch=x@y", route.forwardedParameters().get(name));
    }

    @Test
    void forwardedParametersAreUnmodifiable() {
        Route route = Startup.with("user", "alice").route();
        assertThrows(UnsupportedOperationException.class, () -> route.forwardedParameters().put("x", "y"));
    }

    @Test
    void requestCopiesParametersInOrder() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("z", "1");
        given.put("user", "alice");
        given.put("a", "2");
        RouteRequest request = new RouteRequest(given, Optional.empty());
        given.put("database", "changed");
        assertEquals(List.of("z", "user", "a"), List.copyOf(request.startupParameters().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> request.startupParameters().remove("z"));
    }

    @Test
    void requestRefusesNulls() {
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("user", null);
        assertThrows(NullPointerException.class, () -> new RouteRequest(nullValue, Optional.empty()));
        assertThrows(NullPointerException.class, () -> new RouteRequest(null, Optional.empty()));
        assertThrows(NullPointerException.class, () -> new RouteRequest(Map.of(), null));
    }

    @Test
    void rejectChecksTheSqlStateShape() {
        assertEquals("3D000", new Reject("3D000", "m").sqlState());
        assertThrows(IllegalArgumentException.class, () -> new Reject("3d000", "m"));
        assertThrows(IllegalArgumentException.class, () -> new Reject("3D00", "m"));
        assertThrows(NullPointerException.class, () -> new Reject("3D000", null));
    }

    @Test
    void routeCopiesItsParameters() {
        Map<String, String> given = new LinkedHashMap<>(Map.of("user", "alice"));
        Route route = new Route(Startup.MAIN, BranchSource.DEFAULT, "alice", "alice", given);
        given.put("database", "x");
        assertEquals(Map.of("user", "alice"), route.forwardedParameters());
    }

    private static List<String> keys(Route route) {
        return List.copyOf(route.forwardedParameters().keySet());
    }
}
