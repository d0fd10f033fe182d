package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgwake.proxy.testing.PostgresFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The per-pool series in a real {@code /metrics} scrape after a wake, transactions and a LISTEN (the http driver
 * in front of the shared cluster, so the wake series exist too), and the Grafana dashboard in {@code docs/grafana}:
 * valid JSON, a Prometheus datasource variable, and no query of a series the scrape does not have.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class PoolMetricsDashboardTest {
    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "pgwake-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:pgwake|jvm|process|system)_[a-zA-Z0-9_]+)");
    private static final Set<String> HISTOGRAM_SUFFIXES = Set.of("_bucket", "_count", "_sum");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String BRANCH = "dash";

    private FakeControlPlane plane;
    private Pgwake pgwake;

    @BeforeEach
    void start() {
        plane = new FakeControlPlane(PostgresFixture.shared().endpoint()).branch(BRANCH, "suspended");
        plane.wakes(BRANCH, FakeControlPlane.WakeAnswer.readyAfter(Duration.ofMillis(20)));
        pgwake = Pgwake.startConfigured("driver:\n  kind: http\n  url: \"" + plane.url() + "\"\n"
                + "lifecycle:\n  idle_after: 'off'\n  suspend_after: 'off'\n");
    }

    @AfterEach
    void stop() {
        pgwake.close();
        plane.close();
    }

    private static Map<String, String> pool(String... more) {
        Map<String, String> labels = new HashMap<>(Map.of("branch", BRANCH, "database", "postgres", "user",
                PostgresFixture.SUPERUSER));
        for (int i = 0; i < more.length; i += 2) {
            labels.put(more[i], more[i + 1]);
        }
        return labels;
    }

    @Test
    void poolSeriesFollowWhatClientsDidAndTheDashboardQueriesOnlySeriesThatExist() throws Exception {
        HttpCalls http = new HttpCalls(pgwake.httpPort());
        String text;
        try (Connection client = pgwake.connect(BRANCH); Connection listener = pgwake.connect(BRANCH)) {
            try (Statement statement = listener.createStatement()) {
                statement.execute("listen dashboard_channel"); // keeps its server: the client gets another one
            }
            client.setAutoCommit(false);
            for (int i = 0; i < 5; i++) {
                assertEquals(Integer.toString(i), Sql.one(client, "select " + i));
                client.commit();
            }
            Await.until(WAIT, 1.0, () -> PrometheusText.value(http.metrics(), "pgwake_pool_pinned_clients",
                    pool("reason", "listen")), "the LISTEN client pinned");
            text = http.metrics();
            assertTrue(PrometheusText.value(text, "pgwake_pool_transactions_total", pool()) >= 5, text);
            assertTrue(PrometheusText.value(text, "pgwake_pool_queries_total", pool()) >= 5, text);
            assertTrue(PrometheusText.value(text, "pgwake_pool_received_bytes_total", pool()) > 0, text);
            assertTrue(PrometheusText.value(text, "pgwake_pool_sent_bytes_total", pool()) > 0, text);
            // leases that waited (queued, or opened a connection: the first did); one that found a connection
            // idle is counted in transactions only
            assertTrue(PrometheusText.value(text, "pgwake_pool_wait_seconds_count", pool()) >= 1, text);
            assertTrue(PrometheusText.has(text, "pgwake_pool_wait_seconds_bucket", pool("le", "+Inf")), text);
            assertEquals(1.0, PrometheusText.value(text, "pgwake_pool_clients", pool("state", "active")), text);
            assertEquals(0.0, PrometheusText.value(text, "pgwake_pool_clients", pool("state", "waiting")), text);
            assertEquals(1.0, PrometheusText.value(text, "pgwake_pool_server_connections", pool("state", "active")));
            assertTrue(PrometheusText.value(text, "pgwake_pool_server_connections", pool("state", "idle")) >= 1, text);
            assertEquals(1.0, PrometheusText.value(text, "pgwake_pool_pins_total", pool("reason", "listen")), text);
            assertEquals(0.0, PrometheusText.value(text, "pgwake_pool_pinned_clients", pool("reason", "temp_object")));

            try (Statement statement = listener.createStatement()) {
                statement.execute("unlisten *");
            }
            Await.until(WAIT, 0.0, () -> PrometheusText.value(http.metrics(), "pgwake_pool_pinned_clients",
                    pool("reason", "listen")), "unpinned");
            assertEquals(1.0, PrometheusText.value(http.metrics(), "pgwake_pool_pins_total", pool("reason", "listen")));
        }
        assertTrue(PrometheusText.has(text, "pgwake_wakes_total", Map.of("branch", BRANCH, "kind", "hot")), text);
        assertDashboardQueriesExist(text);
    }

    private static void assertDashboardQueriesExist(String scrape) throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        assertEquals("pgwake", dashboard.path("title").asText().toLowerCase(java.util.Locale.ROOT).split(" ")[0]);
        JsonNode variables = dashboard.path("templating").path("list");
        boolean datasource = false;
        for (JsonNode variable : variables) {
            datasource |= variable.path("type").asText().equals("datasource")
                    && variable.path("query").asText().equals("prometheus");
        }
        assertTrue(datasource, "a Prometheus datasource variable: " + variables);

        List<String> expressions = new ArrayList<>();
        Set<String> titles = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asText());
            assertTrue(panel.path("datasource").path("uid").asText().contains("${"), "panel " + panel.path("title")
                    + " uses the datasource variable");
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
        }
        assertTrue(expressions.size() >= 8, "a query per panel at least: " + titles);
        Set<String> missing = new TreeSet<>();
        for (String expression : expressions) {
            assertFalse(expression.isBlank(), "an empty query in " + titles);
            Matcher metric = METRIC.matcher(expression);
            while (metric.find()) {
                if (!PrometheusText.has(scrape, metric.group(1), Map.of())) {
                    missing.add(metric.group(1));
                }
            }
        }
        assertTrue(missing.isEmpty(), "the dashboard queries series /metrics does not have: " + missing);
        assertTrue(HISTOGRAM_SUFFIXES.stream().anyMatch(suffix -> expressions.stream()
                .anyMatch(expression -> expression.contains("pgwake_pool_wait_seconds" + suffix))));
    }
}
