package dev.pgwake.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -Dpgwake.log.format=json}: every log line pgwake writes is one JSON object with level, logger and message. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class JsonLogTest {

    @Test
    void withTheJsonFormatEveryLineIsAJsonObject(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("pgwake.yaml"), "listen: 127.0.0.1:0\nhttp: {enabled: false}\n"
                + "driver: {kind: static, branches: {main: '127.0.0.1:1'}}\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Dpgwake.log.format=json", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "-c", config.toString()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                lines.add(line);
                if (line.contains("pgwake listening on")) {
                    break;
                }
            }
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("pgwake listening on")), String.join("\n", lines));
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode event = json.readTree(line); // fails on a line that is not JSON
            assertTrue(event.hasNonNull("timestamp"), line);
            assertTrue(event.hasNonNull("level"), line);
            assertTrue(event.hasNonNull("loggerName"), line);
            assertTrue(event.hasNonNull("formattedMessage"), line);
        }
        JsonNode listening = json.readTree(lines.get(lines.size() - 1));
        assertEquals("INFO", listening.get("level").asText());
        assertEquals(ProxyServer.class.getName(), listening.get("loggerName").asText());
    }
}
