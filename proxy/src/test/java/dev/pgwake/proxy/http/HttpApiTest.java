package dev.pgwake.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.lifecycle.Branches;
import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.lifecycle.StaticDriver;
import dev.pgwake.proxy.admin.BranchOperations;
import dev.pgwake.proxy.admin.PoolOperations;
import dev.pgwake.proxy.admin.ServerControl;
import dev.pgwake.proxy.config.ConfigLoader;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.frontend.BranchSessions;
import dev.pgwake.proxy.pool.Pools;
import dev.pgwake.proxy.testing.FixedServerControl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API without Netty: readiness through start and shutdown, and the bearer token's parsing, over a real branch
 * coordinator with the static driver.
 */
class HttpApiTest {
    private final Branches branches = Branches.builder(new StaticDriver(Map.of("main", new Endpoint("127.0.0.1", 1))))
            .build();
    private final BranchSessions sessions = new BranchSessions();
    private final BranchOperations operations = new BranchOperations(branches, sessions, branch -> 0);
    private final Pools pools = new Pools(new ConfigLoader().parse("", "test").pool(), (loop, endpoint, key) -> {
        throw new AssertionError("no server connection in this test");
    });
    private final PoolOperations poolOperations = new PoolOperations(pools, sessions, () -> Duration.ofSeconds(1));
    private final ServerControl control = new FixedServerControl(ProxyConfig.defaults());

    private HttpApi api(String metrics, Optional<String> token) {
        return new HttpApi(readiness, () -> CompletableFuture.completedFuture(metrics), operations, poolOperations,
                control, token);
    }
    private final Readiness readiness = new Readiness();

    @AfterEach
    void close() {
        branches.close();
    }

    private static ApiRequest get(String path, Optional<String> authorization) {
        return new ApiRequest("GET", List.of(path.substring(1).split("/")), Map.of(), "", authorization);
    }

    private static Reply answer(HttpApi api, ApiRequest request) throws Exception {
        return api.handle(request).get(10, TimeUnit.SECONDS);
    }

    @Test
    void readyOnlyBetweenStartAndShutdown() throws Exception {
        HttpApi api = api("", Optional.empty());
        Reply early = answer(api, get("/health/ready", Optional.empty()));
        assertEquals(503, early.status());
        assertTrue(early.body().contains("catalog"), early.body());

        readiness.catalogLoaded();
        Reply unbound = answer(api, get("/health/ready", Optional.empty()));
        assertEquals(503, unbound.status());
        assertTrue(unbound.body().contains("listener"), unbound.body());

        readiness.listening();
        assertEquals(200, answer(api, get("/health/ready", Optional.empty())).status());

        readiness.shuttingDown();
        Reply leaving = answer(api, get("/health/ready", Optional.empty()));
        assertEquals(503, leaving.status());
        assertTrue(leaving.body().contains("\"shutting down\""), leaving.body());
        assertEquals(200, answer(api, get("/health/live", Optional.empty())).status(), "still alive meanwhile");
    }

    @Test
    void theTokenIsABearerCredentialComparedWhole() throws Exception {
        HttpApi api = api("# metrics\n", Optional.of("tok"));
        assertEquals(200, answer(api, get("/metrics", Optional.of("Bearer tok"))).status());
        assertEquals(200, answer(api, get("/metrics", Optional.of("BEARER  tok "))).status());
        for (String wrong : List.of("Bearer to", "Bearer tok2", "Basic dG9r", "tok", "Bearer", "")) {
            Reply refused = answer(api, get("/metrics", Optional.of(wrong)));
            assertEquals(401, refused.status(), wrong);
            assertEquals("Bearer realm=\"pgwake\"", refused.headers().get("WWW-Authenticate"));
        }
        assertEquals(401, answer(api, get("/metrics", Optional.empty())).status());
    }

    @Test
    void statusesFollowTheSqlState() {
        assertEquals(404, JsonReplies.statusOf("3D000"));
        assertEquals(404, JsonReplies.statusOf("42704"));
        assertEquals(409, JsonReplies.statusOf("42P04"));
        assertEquals(409, JsonReplies.statusOf("55006"));
        assertEquals(400, JsonReplies.statusOf("42602"));
        assertEquals(400, JsonReplies.statusOf("22P02"));
        assertEquals(501, JsonReplies.statusOf("0A000"));
        assertEquals(503, JsonReplies.statusOf("57P03"));
        assertEquals(500, JsonReplies.statusOf("58000"));
        assertEquals(500, JsonReplies.statusOf("XX000"));
    }
}
