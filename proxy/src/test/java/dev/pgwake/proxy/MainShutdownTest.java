package dev.pgwake.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java dev.pgwake.proxy.Main -c file} in a JVM of its own, stopped with SIGTERM as a service manager stops it:
 * it shuts down gracefully and exits 0. SIGHUP reloads the file and pgwake goes on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class MainShutdownTest {
    private static final Pattern HTTP_PORT = Pattern.compile("pgwake HTTP on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void sigtermShutsDownGracefullyAndExitsZero(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("pgwake.yaml"), "listen: 127.0.0.1:0\n"
                + "http: {listen: '127.0.0.1:0'}\nshutdown_timeout: 5s\n"
                + "driver: {kind: static, branches: {main: '127.0.0.1:1'}}\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "-c", config.toString()).redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readLines(process, output), "pgwake-child-output");
        reader.setDaemon(true);
        reader.start();
        try {
            int httpPort = awaitHttpPort(output);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertEquals(200, awaitReady(http, httpPort), String.join("\n", output));

            process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close its output
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "pgwake did not exit:\n" + String.join("\n", output));
            reader.join(5_000);
            assertEquals(0, process.exitValue(), String.join("\n", output));
            String log = String.join("\n", output);
            assertTrue(log.contains("SIGTERM: shutting down gracefully"), log);
            assertTrue(log.contains("stops accepting clients") && log.contains("pgwake stopped"), log);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void sighupReloadsTheFileAndPgwakeGoesOn(@TempDir Path dir) throws Exception {
        String base = "listen: 127.0.0.1:0\nhttp: {listen: '127.0.0.1:0'}\nshutdown_timeout: 5s\n"
                + "driver: {kind: static, branches: {main: '127.0.0.1:1'}}\n";
        Path config = Files.writeString(dir.resolve("pgwake.yaml"), base + "pool: {pool_size: 20}\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "-c", config.toString()).redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readLines(process, output), "pgwake-child-output");
        reader.setDaemon(true);
        reader.start();
        try {
            int httpPort = awaitHttpPort(output);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertEquals(200, awaitReady(http, httpPort), String.join("\n", output));

            Files.writeString(config, base + "pool: {pool_size: 7}\n");
            Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
            assertTrue(hup.waitFor(10, TimeUnit.SECONDS) && hup.exitValue() == 0, "kill -HUP");
            awaitLine(output, "reload: pool.pool_size 20 -> 7: applied");
            assertEquals(200, awaitReady(http, httpPort), "still running:\n" + String.join("\n", output));

            process.toHandle().destroy();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "pgwake did not exit:\n" + String.join("\n", output));
            assertEquals(0, process.exitValue(), String.join("\n", output));
        } finally {
            process.destroyForcibly();
        }
    }

    private static void awaitLine(List<String> output, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (output.stream().anyMatch(line -> line.contains(text))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no \"" + text + "\" in:\n" + String.join("\n", output));
    }

    private static int awaitHttpPort(List<String> output) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : output) {
                Matcher port = HTTP_PORT.matcher(line);
                if (port.find()) {
                    return Integer.parseInt(port.group(1));
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("pgwake never said where HTTP listens:\n" + String.join("\n", output));
    }

    /** Polls /health/ready until 200 (the proxy listener binds just after HTTP); the last status. */
    private static int awaitReady(HttpClient http, int port) throws IOException, InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        int status = 0;
        for (int attempt = 0; attempt < 100 && status != 200; attempt++) {
            status = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                Thread.sleep(50);
            }
        }
        return status;
    }

    private static void readLines(Process process, List<String> output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException e) {
            output.add("(reading the output failed: " + e + ")");
        }
    }
}
