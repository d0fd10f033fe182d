package dev.pgwake.proxy.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pgwake.lifecycle.Endpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A control plane for pgwake's http driver, on a real HTTP server (com.sun.net.httpserver) on 127.0.0.1: every
 * branch it knows is served by one real PostgreSQL server and is "running" or "suspended". It speaks what the
 * driver asks: {@code GET /branches/NAME} (state, host, port; 404 if unknown), {@code POST .../wake} (answered
 * as the test says: the endpoint at once or after a delay, an error status, or never) and {@code POST
 * .../suspend}. Counts every request by method and path.
 */
final class FakeControlPlane implements AutoCloseable {
    /** How a wake is answered: {@code status} after {@code delay} (200 with the endpoint), or, if it hangs, never. */
    record WakeAnswer(int status, Duration delay, boolean hangs) {
        static WakeAnswer ready() {
            return new WakeAnswer(200, Duration.ZERO, false);
        }

        static WakeAnswer readyAfter(Duration delay) {
            return new WakeAnswer(200, delay, false);
        }

        static WakeAnswer failing(int status) {
            return new WakeAnswer(status, Duration.ZERO, false);
        }

        static WakeAnswer never() {
            return new WakeAnswer(503, Duration.ZERO, true);
        }
    }

    private final Endpoint postgres;
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final Map<String, WakeAnswer> wakes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;

    /** Starts on a free port; every branch is served by {@code postgres}. */
    FakeControlPlane(Endpoint postgres) {
        this.postgres = postgres;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL for {@code driver.url}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds (or changes) a branch: {@code "running"} or {@code "suspended"}. */
    FakeControlPlane branch(String name, String state) {
        states.put(name, state);
        return this;
    }

    /** How wakes of {@code branch} are answered from now on (default: ready at once). */
    void wakes(String branch, WakeAnswer answer) {
        wakes.put(branch, answer);
    }

    /** Requests received, e.g. {@code calls("POST /branches/main/wake")}. */
    int calls(String request) {
        AtomicInteger count = calls.get(request);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        calls.computeIfAbsent(method + " " + path, key -> new AtomicInteger()).incrementAndGet();
        String[] parts = path.split("/");
        String branch = parts.length > 2 && parts[1].equals("branches") ? parts[2] : "";
        String action = parts.length > 3 ? parts[3] : "";
        try {
            if (!states.containsKey(branch)) {
                answer(exchange, 404, "{\"error\":\"no such branch\"}");
            } else if (method.equals("GET") && action.isEmpty()) {
                answer(exchange, 200, "{\"state\":\"" + states.get(branch) + "\"," + address() + "}");
            } else if (method.equals("POST") && action.equals("wake")) {
                wake(exchange, branch);
            } else if (method.equals("POST") && action.equals("suspend")) {
                states.put(branch, "suspended");
                answer(exchange, 200, "{\"state\":\"suspended\"}");
            } else {
                answer(exchange, 400, "{\"error\":\"not understood\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer(exchange, 503, "{\"error\":\"shutting down\"}");
        }
    }

    private void wake(HttpExchange exchange, String branch) throws IOException, InterruptedException {
        WakeAnswer wake = wakes.getOrDefault(branch, WakeAnswer.ready());
        if (wake.hangs()) {
            closing.await();
        } else if (closing.await(wake.delay().toMillis(), TimeUnit.MILLISECONDS)) {
            answer(exchange, 503, "{\"error\":\"shutting down\"}");
            return;
        }
        if (wake.status() == 200) {
            states.put(branch, "running");
            answer(exchange, 200, "{" + address() + "}");
        } else {
            answer(exchange, wake.status(), "{\"error\":\"the test's control plane refuses to wake " + branch + "\"}");
        }
    }

    private String address() {
        return "\"host\":\"" + postgres.host() + "\",\"port\":" + postgres.port();
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Answers every held wake (503) and stops. */
    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
