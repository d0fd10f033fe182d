package dev.pgwake.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Builds {@link RouteRequest}s for tests and unwraps the decisions they lead to. */
final class Startup {

    static final BranchName MAIN = BranchName.of("main");
    static final Router ANY_SNI = new Router(MAIN, Optional.empty());
    static final Router SUFFIXED_SNI = new Router(MAIN, Optional.of("db.example.com"));

    private final Map<String, String> parameters = new LinkedHashMap<>();
    private Optional<String> sni = Optional.empty();

    private Startup() {
    }

    /** Parameters as name, value, name, value, ... in order. */
    static Startup with(String... namesAndValues) {
        Startup startup = new Startup();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            startup.parameters.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return startup;
    }

    Startup sni(String hostName) {
        sni = Optional.of(hostName);
        return this;
    }

    RouteRequest request() {
        return new RouteRequest(parameters, sni);
    }

    Route routeWith(Router router) {
        return assertInstanceOf(Route.class, router.route(request()));
    }

    Route route() {
        return routeWith(ANY_SNI);
    }

    Reject rejectWith(Router router) {
        return assertInstanceOf(Reject.class, router.route(request()));
    }

    Reject reject() {
        return rejectWith(ANY_SNI);
    }

    /** Asserts the request is rejected with {@code sqlState} and exactly {@code message}. */
    void assertRejected(String sqlState, String message) {
        Reject reject = reject();
        assertEquals(sqlState, reject.sqlState(), reject.message());
        assertEquals(message, reject.message());
    }
}
