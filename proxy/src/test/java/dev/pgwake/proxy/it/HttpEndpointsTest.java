package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgwake.proxy.testing.PostgresFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP listener of a pgwake with the static driver (branch {@code main} on the shared cluster): health, metrics,
 * the branch API's answers and errors, the bearer token, and HTTP itself (split, pipelined and oversized requests).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class HttpEndpointsTest {
    @RegisterExtension
    static final PgwakePerClass pgwake = new PgwakePerClass("lifecycle: {idle_after: 'off'}\n");

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static HttpCalls http() {
        return new HttpCalls(pgwake.httpPort());
    }

    private static void assertError(HttpResponse<String> response, int status, String sqlState) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = HttpCalls.json(response);
        assertEquals(sqlState, body.path("sqlstate").asText(), response.body());
        assertTrue(body.path("error").asText().length() > 10, "the error says what is wrong: " + response.body());
    }

    @Test
    void healthIsLiveAndReady() throws Exception {
        HttpResponse<String> live = http().get("/health/live");
        assertEquals(200, live.statusCode());
        assertEquals("live", HttpCalls.json(live).path("status").asText());
        HttpResponse<String> ready = http().get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("ready", HttpCalls.json(ready).path("status").asText());
    }

    @Test
    void metricsArePrometheusTextWithBranchJvmAndAllocatorSeries() throws Exception {
        HttpResponse<String> response = http().get("/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = response.body();
        assertEquals(1.0, PrometheusText.value(text, "pgwake_branch_state", Map.of("branch", "main", "state", "running")));
        assertEquals(0.0, PrometheusText.value(text, "pgwake_branch_state", Map.of("branch", "main", "state", "suspended")));
        assertTrue(PrometheusText.has(text, "pgwake_branch_compute_seconds_total", Map.of("branch", "main")), text);
        assertTrue(PrometheusText.has(text, "pgwake_branch_wall_seconds_total", Map.of("branch", "main")), text);
        assertTrue(PrometheusText.has(text, "jvm_memory_used_bytes", Map.of()), "JVM memory");
        assertTrue(PrometheusText.has(text, "jvm_threads_live_threads", Map.of()), "JVM threads");
        assertTrue(PrometheusText.has(text, "pgwake_netty_allocator_used_bytes", Map.of("memory", "direct")), text);
    }

    @Test
    void clientsOfABranchAreCounted() throws Exception {
        HttpCalls http = http();
        try (Connection client = pgwake.connect()) {
            assertEquals("1", Sql.one(client, "select 1"));
            Await.until(WAIT, 1.0, () -> PrometheusText.value(http.metrics(), "pgwake_branch_clients",
                    Map.of("branch", "main")), "pgwake_branch_clients of main");
            assertEquals(1, HttpCalls.json(http.get("/branches/main")).path("clients").asInt());
        }
        Await.until(WAIT, 0.0, () -> PrometheusText.value(http.metrics(), "pgwake_branch_clients",
                Map.of("branch", "main")), "pgwake_branch_clients of main after the client left");
    }

    @Test
    void branchesAreListedAsTheConsoleShowsThem() throws Exception {
        HttpResponse<String> response = http().get("/branches");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode branches = HttpCalls.json(response).path("branches");
        assertEquals(1, branches.size(), response.body());
        JsonNode main = branches.get(0);
        assertEquals("main", main.path("name").asText());
        assertEquals("running", main.path("state").asText());
        assertEquals(PostgresFixture.shared().port(), main.path("port").asInt());
        assertTrue(main.has("parent") && main.has("last_resume") && main.has("clients") && main.has("compute_seconds")
                && main.has("wall_seconds") && main.has("saving_pct"), response.body());

        HttpResponse<String> one = http().get("/branches/main");
        assertEquals(200, one.statusCode());
        assertEquals("main", HttpCalls.json(one).path("name").asText());
    }

    @Test
    void unknownAndInvalidBranchesAreJsonErrors() throws Exception {
        assertError(http().get("/branches/nope"), 404, "3D000");
        assertError(http().post("/branches/nope/resume", null), 404, "3D000");
        assertError(http().get("/branches/Not%20A%20Name"), 400, "42602");
        assertError(http().delete("/branches/main?force=maybe"), 400, "22023");
    }

    @Test
    void operationsTheDriverCannotDoAre501() throws Exception {
        assertError(http().post("/branches", "{\"name\": \"feat\"}"), 501, "0A000");
        assertError(http().delete("/branches/main"), 501, "0A000");
    }

    @Test
    void badCreateBodiesAre400() throws Exception {
        assertError(http().post("/branches", "{\"name\": "), 400, "22P02");
        assertError(http().post("/branches", "{\"name\": \"feat\", \"parent\": \"main\"}"), 400, "22023");
        assertError(http().post("/branches", "{\"from\": \"main\"}"), 400, "22023");
        assertError(http().post("/branches", ""), 400, "22023");
        assertError(http().post("/branches", "{\"name\": \"Bad Name\"}"), 400, "42602");
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() throws Exception {
        assertError(http().get("/nope"), 404, "42601");
        assertError(http().get("/"), 404, "42601");
        assertError(http().post("/branches/main/explode", null), 404, "42601");
        HttpResponse<String> put = http().send("PUT", "/health/live", "{}");
        assertError(put, 405, "0A000");
        assertEquals(Optional.of("GET"), put.headers().firstValue("Allow"));
        HttpResponse<String> deleteAll = http().delete("/branches");
        assertError(deleteAll, 405, "0A000");
        assertEquals(Optional.of("GET, POST"), deleteAll.headers().firstValue("Allow"));
        HttpResponse<String> getCommand = http().get("/branches/main/suspend");
        assertError(getCommand, 405, "0A000");
        assertEquals(Optional.of("POST"), getCommand.headers().firstValue("Allow"));
    }

    @Test
    void aTokenIsRequiredOnEveryPathOnceConfigured() throws Exception {
        try (Pgwake guarded = Pgwake.start("http:\n  listen: 127.0.0.1:0\n  token: s3cret-token\n")) {
            for (String path : List.of("/health/live", "/health/ready", "/metrics", "/branches")) {
                HttpResponse<String> anonymous = new HttpCalls(guarded.httpPort()).get(path);
                assertError(anonymous, 401, "28000");
                assertEquals(Optional.of("Bearer realm=\"pgwake\""), anonymous.headers().firstValue("WWW-Authenticate"));
                assertError(new HttpCalls(guarded.httpPort(), Optional.of("wrong")).get(path), 401, "28000");
                assertEquals(200, new HttpCalls(guarded.httpPort(), Optional.of("s3cret-token")).get(path).statusCode());
            }
            String lowerCase = exchange(guarded.httpPort(), "GET /health/live HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: bearer s3cret-token\r\nConnection: close\r\n\r\n");
            assertTrue(lowerCase.startsWith("HTTP/1.1 200"), lowerCase);
        }
    }

    @Test
    void theListenerCanBeTurnedOff() {
        try (Pgwake quiet = Pgwake.start("http: {enabled: false}\n")) {
            assertTrue(quiet.server().httpAddress().isEmpty());
        }
    }

    @Test
    void aRequestSplitAcrossPacketsIsAnswered() throws Exception {
        String body = "{\"name\": \"Bad Name\"}";
        try (Socket socket = new Socket("127.0.0.1", pgwake.httpPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /branches HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200);
            out.write(body.substring(0, 5).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200);
            out.write(body.substring(5).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAll(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("42602"), answer);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        String answer = exchange(pgwake.httpPort(), "GET /branches/nope HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /health/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        int notFound = answer.indexOf("HTTP/1.1 404");
        int live = answer.indexOf("\"live\"");
        int ready = answer.indexOf("\"ready\"");
        assertTrue(notFound >= 0 && notFound < live && live < ready, answer);
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        // the declared length alone decides; sending the body too would race the server's close with our writes
        String answer = exchange(pgwake.httpPort(), "POST /branches HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + (70 * 1024) + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertEquals(200, http().get("/health/live").statusCode(), "the listener goes on");
    }

    @Test
    void aMalformedRequestIs400() throws Exception {
        String answer = exchange(pgwake.httpPort(), "GARBAGE\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
    }

    /** Writes {@code request} at once and reads until the server closes the connection. */
    private static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return readAll(socket.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
