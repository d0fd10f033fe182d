package dev.pgwake.loadtest.branch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * pgwake's Prometheus endpoint, {@code GET <base>/metrics} over HTTP, with the bearer token pgwake's
 * {@code http.token} asks for when it listens off loopback. Safe to use from several threads.
 */
public final class MetricsEndpoint {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI metrics;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param base e.g. {@code http://127.0.0.1:8432}; @param token {@code null} for none */
    public MetricsEndpoint(URI base, String token) {
        String b = base.toString();
        this.metrics = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/metrics");
        this.token = token;
    }

    public URI uri() {
        return metrics;
    }

    /** One scrape, stamped with the time it was sent. */
    public PgwakeMetrics scrape() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(metrics).timeout(TIMEOUT).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        long sent = System.nanoTime();
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + metrics + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        try {
            return PgwakeMetrics.of(sent, PrometheusText.parse(response.body()));
        } catch (IllegalArgumentException e) {
            throw new IOException("GET " + metrics + ": " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String body) {
        String b = body == null ? "" : body.strip();
        return b.length() <= 200 ? b : b.substring(0, 200) + "...";
    }
}
