package dev.pgwake.proxy.it.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Requests to a pgwake's HTTP listener; answers with their status and JSON body. */
final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A status and the body read as JSON (or as text, for {@code /metrics}). */
    record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path);
    }

    Answer post(String path) throws IOException, InterruptedException {
        return send("POST", path);
    }

    Answer delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path);
    }

    private Answer send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}
