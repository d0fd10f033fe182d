package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The branch API over HTTP steering real branches (local driver, idle policy off so only the tests move them), and
 * the metrics checked against what was done: one suspend and one client connection make exactly one hot wake.
 * Each test works on branches of its own.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class HttpBranchLifecycleTest {
    @RegisterExtension
    static final LocalPgwake pgwake = new LocalPgwake("lifecycle: {idle_after: 'off', suspend_after: 'off', "
            + "stop_after: 'off', wake_timeout: 60s}\n");

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static HttpCalls http() {
        return new HttpCalls(pgwake.httpPort());
    }

    private static JsonNode ok(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        return HttpCalls.json(response);
    }

    private static double wakes(String branch, String kind, String outcome) throws Exception {
        return PrometheusText.value(http().metrics(), "pgwake_wakes_total",
                Map.of("branch", branch, "kind", kind, "outcome", outcome));
    }

    private static double hotWakeSamples() throws Exception {
        return PrometheusText.value(http().metrics(), "pgwake_wake_duration_seconds_count", Map.of("kind", "hot"));
    }

    @Test
    void aBranchIsCreatedListedAndDroppedOnlyWithForceWhileAClientIsAttached() throws Exception {
        JsonNode created = ok(http().post("/branches", "{\"name\": \"http-feat\", \"from\": \"main\"}"), 201);
        assertEquals("http-feat", created.path("name").asText());
        assertEquals("main", created.path("parent").asText());
        assertEquals("cold", created.path("resume").asText());
        assertTrue(created.path("ms").asLong() > 0, created.toString());
        assertError(http().post("/branches", "{\"name\": \"http-feat\"}"), 409, "42P04");

        JsonNode feat = ok(http().get("/branches/http-feat"), 200);
        assertEquals("running", feat.path("state").asText());
        assertEquals("cold", feat.path("last_resume").asText());
        assertEquals("main", feat.path("parent").asText());

        try (Connection client = pgwake.connect("http-feat")) {
            assertEquals("1", Sql.one(client, "select 1"));
            Await.until(WAIT, 1, () -> ok(http().get("/branches/http-feat"), 200).path("clients").asInt(), "clients");
            HttpResponse<String> refused = http().delete("/branches/http-feat");
            assertError(refused, 409, "55006");
            assertTrue(refused.body().contains("1 client connected"), refused.body());
            assertEquals("running", ok(http().get("/branches/http-feat"), 200).path("state").asText());

            JsonNode dropped = ok(http().delete("/branches/http-feat?force=true"), 200);
            assertEquals("dropped", dropped.path("state").asText());
            assertError(http().get("/branches/http-feat"), 404, "3D000");
            // the client stays connected to pgwake; a query of its own would create the branch again (auto-create)
        }
        Await.until(WAIT, false, () -> PrometheusText.has(http().metrics(), "pgwake_branch_state",
                Map.of("branch", "http-feat")), "the dropped branch's series are gone");
        String after = http().metrics();
        assertFalse(PrometheusText.has(after, "pgwake_wakes_total", Map.of("branch", "http-feat")),
                after.lines().filter(line -> line.contains("http-feat")).toList() + " " + http().get("/branches").body());
    }

    @Test
    void aSuspendOverHttpAndOneClientMakeExactlyOneHotWake() throws Exception {
        String branch = "http-hot";
        ok(http().post("/branches", "{\"name\": \"" + branch + "\"}"), 201);
        assertEquals(0.0, wakes(branch, "hot", "ok"));
        double samplesBefore = hotWakeSamples();

        JsonNode suspended = ok(http().post("/branches/" + branch + "/suspend", null), 200);
        assertEquals("suspended", suspended.path("state").asText());
        assertEquals(Optional.of('T'), pgwake.postmasterState(branch), "the postmaster is frozen");
        assertEquals(1.0, PrometheusText.value(http().metrics(), "pgwake_branch_state",
                Map.of("branch", branch, "state", "suspended")));

        try (Connection client = pgwake.connect(branch)) {
            assertEquals("1", Sql.one(client, "select 1"));
        }
        Await.until(WAIT, 1.0, () -> wakes(branch, "hot", "ok"), "pgwake_wakes_total of " + branch);
        assertEquals(samplesBefore + 1, hotWakeSamples(), "one sample in the hot wake histogram");
        String text = http().metrics();
        assertEquals(1.0, PrometheusText.value(text, "pgwake_branch_state", Map.of("branch", branch, "state", "running")));
        assertEquals(2.0, PrometheusText.value(text, "pgwake_wakes_total", Map.of("branch", branch)),
                "the creation's cold wake and the hot one: " + text.lines()
                        .filter(line -> line.startsWith("pgwake_wakes_total{branch=\"" + branch)).toList());
        assertTrue(PrometheusText.value(text, "pgwake_branch_compute_seconds_total", Map.of("branch", branch)) > 0);
        assertTrue(PrometheusText.has(text, "pgwake_wake_duration_seconds_bucket", Map.of("kind", "hot", "le", "0.001")),
                "buckets from 1 ms");
        assertTrue(PrometheusText.has(text, "pgwake_wake_duration_seconds_bucket", Map.of("kind", "hot", "le", "30.0")),
                "buckets to 30 s");
    }

    @Test
    void stopAndArchiveOverHttpThenResumeSaysWhatTheWakeDid() throws Exception {
        String branch = "http-deep";
        ok(http().post("/branches", "{\"name\": \"" + branch + "\"}"), 201);

        assertEquals("stopped", ok(http().post("/branches/" + branch + "/stop", null), 200).path("state").asText());
        JsonNode warm = ok(http().post("/branches/" + branch + "/resume", null), 200);
        assertEquals("warm", warm.path("resume").asText(), warm.toString());
        assertEquals(1.0, wakes(branch, "warm", "ok"), "the wake is counted before the resume answers");

        assertEquals("archived", ok(http().post("/branches/" + branch + "/archive", null), 200).path("state").asText());
        JsonNode cold = ok(http().post("/branches/" + branch + "/resume", null), 200);
        assertEquals("cold", cold.path("resume").asText(), cold.toString());
        Await.until(WAIT, 2.0, () -> wakes(branch, "cold", "ok"), "cold wakes of " + branch + " (creation, archive)");

        assertEquals("none", ok(http().post("/branches/" + branch + "/resume", null), 200).path("resume").asText(),
                "already running");
    }

    private static void assertError(HttpResponse<String> response, int status, String sqlState) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(sqlState, HttpCalls.json(response).path("sqlstate").asText(), response.body());
    }
}
