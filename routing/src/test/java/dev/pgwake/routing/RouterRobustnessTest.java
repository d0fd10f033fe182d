package dev.pgwake.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Routes many odd, seeded-random requests and checks that nothing throws and every Route is sane. */
class RouterRobustnessTest {

    private static final List<String> PIECES = List.of("branch=", "--branch=", "-c", "-", " ", "  ", "\\", "\t",
            "\n", "a", "dev", "B", "@", ".", ":", "x", "_", "=", "\u00e9", "\u0000", "\"", "db.example.com",
            "1", "[", "localhost", "\uD83D\uDE00");
    private static final List<Router> ROUTERS = List.of(Startup.ANY_SNI, Startup.SUFFIXED_SNI);

    @Test
    void neverThrowsAndRoutesAreConsistent() {
        Random random = new Random(20240607L);
        int routes = 0;
        for (int i = 0; i < 20_000; i++) {
            Map<String, String> parameters = new LinkedHashMap<>();
            putMaybe(random, parameters, "user");
            putMaybe(random, parameters, "database");
            putMaybe(random, parameters, "options");
            Optional<String> sni = random.nextBoolean() ? Optional.of(text(random)) : Optional.empty();
            RouteRequest request = new RouteRequest(parameters, sni);
            RoutingDecision decision = ROUTERS.get(random.nextInt(ROUTERS.size())).route(request);
            assertNotNull(decision, request::toString);
            if (decision instanceof Route route) {
                routes++;
                checkRoute(request, route);
            }
        }
        assertTrue(routes > 1_000, "too few routes to be a useful check: " + routes);
    }

    private static void checkRoute(RouteRequest request, Route route) {
        Map<String, String> forwarded = route.forwardedParameters();
        assertEquals(route.user(), forwarded.get("user"), request::toString);
        assertEquals(route.database(), forwarded.get("database"), request::toString);
        assertTrue(BranchName.isValid(route.branch().value()), request::toString);
        String options = forwarded.get("options");
        if (options != null) {
            assertEquals(List.of(), StartupOptions.parse(options).branchNames(), request::toString);
        }
    }

    private static void putMaybe(Random random, Map<String, String> parameters, String name) {
        if (random.nextInt(5) > 0) {
            parameters.put(name, text(random));
        }
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(6);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return text.toString();
    }
}
