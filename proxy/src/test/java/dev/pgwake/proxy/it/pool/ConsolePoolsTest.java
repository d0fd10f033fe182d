package dev.pgwake.proxy.it.pool;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The console's pool statements and their HTTP twins, checked against what the test did: SHOW CLIENTS lists the
 * clients connected (a LISTEN client pinned, holding its server), SHOW POOLS and SHOW SERVERS agree, SHOW STATS
 * counts transactions, PAUSE holds new queries until RESUME and waits for leases in flight, KILL_CLIENT ends
 * exactly one client with 57P01 (its transaction rolled back with its server connection), SHOW CONFIG hides
 * secrets. Each test works in a database of its own, so its pool is its own.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ConsolePoolsTest {
    private static final String USER = PostgresFixture.TRUST_USER;
    private static final String SERVER_PASSWORD = "s3cret-server-password";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static DirectServer server;
    private static PoolingPgwake pgwake;

    @BeforeAll
    static void start() throws SQLException {
        server = DirectServer.shared();
        for (String database : List.of("console_clients", "console_stats", "console_pause", "console_kill")) {
            server.createDatabase(database);
        }
        server.execute("console_kill", "create table kill_log (v int)", "grant all on kill_log to public");
        pgwake = PoolingPgwake.start("pool:\n  pool_size: 3\n  query_wait_timeout: 60s\n"
                + "server:\n  password: " + SERVER_PASSWORD + "\n");
    }

    @AfterAll
    static void stop() {
        if (pgwake != null) {
            pgwake.close();
        }
    }

    private static Connection connect(String database) throws SQLException {
        return pgwake.connect(database, USER);
    }

    private static Http http() {
        return new Http(pgwake.httpPort());
    }

    private static List<JsonNode> ofDatabase(JsonNode rows, String database) {
        List<JsonNode> matching = new ArrayList<>();
        rows.forEach(row -> {
            if (row.path("database").asText().equals(database)) {
                matching.add(row);
            }
        });
        return matching;
    }

    @Test
    void showClientsListsEveryClientAndTheListenerIsPinnedToItsServer() throws Exception {
        String database = "console_clients";
        try (Connection a = connect(database); Connection b = connect(database); Connection listener = connect(database);
             Console console = Console.open(pgwake.port())) {
            Sql.execute(listener, "listen console_channel");
            int pinnedPid = Sql.backendPid(listener);
            assertEquals("1", Sql.one(a, "select 1")); // on a second server connection, which a and b share
            assertEquals("1", Sql.one(b, "select 1"));

            List<Map<String, String>> clients = Await.until(WAIT, () -> console.rows("SHOW CLIENTS", "database",
                    database), rows -> rows.size() == 3 && rows.stream().noneMatch(row -> "active".equals(row.get("state"))
                    && row.get("pin").isEmpty()), "three clients, only the pinned one holding a server");
            List<Map<String, String>> pinned = clients.stream().filter(row -> !row.get("pin").isEmpty()).toList();
            assertEquals(1, pinned.size(), clients.toString());
            assertEquals("LISTEN", pinned.get(0).get("pin"));
            assertEquals("active", pinned.get(0).get("state"));
            assertEquals(Integer.toString(pinnedPid), pinned.get(0).get("server_pid"));
            for (Map<String, String> client : clients) {
                assertEquals(USER, client.get("user"));
                assertEquals("main", client.get("branch"));
                assertEquals("idle", client.get("transaction"), client.toString());
                assertTrue(client.get("remote_address").startsWith("127.0.0.1:"), client.toString());
                assertTrue(Instant.parse(client.get("connected_since")).isBefore(Instant.now().plusSeconds(1)));
                assertTrue(client.get("id").matches("[0-9a-f]{8}"), client.toString());
                if (client != pinned.get(0)) {
                    assertEquals("idle", client.get("state"));
                    assertNull(client.get("server_pid"));
                }
            }

            Map<String, String> pool = console.pool(database);
            assertEquals(Map.of("branch", "main", "user", USER, "pool_mode", "transaction", "pool_size", "3",
                    "cl_active", "1", "cl_waiting", "0", "sv_active", "1", "paused", "false"), subset(pool,
                    "branch", "user", "pool_mode", "pool_size", "cl_active", "cl_waiting", "sv_active", "paused"));

            List<Map<String, String>> servers = console.rows("SHOW SERVERS", "database", database);
            List<Map<String, String>> active = servers.stream().filter(row -> row.get("state").equals("active")).toList();
            assertEquals(1, active.size(), servers.toString());
            assertEquals(Integer.toString(pinnedPid), active.get(0).get("pid"));
            assertEquals(server.hostPort(), active.get(0).get("endpoint"));
            assertTrue(servers.size() >= 2, "the others' server connection sits idle: " + servers);
            assertEquals(Integer.parseInt(pool.get("sv_idle")), servers.size() - 1, servers + " vs " + pool);
            // SHOW BRANCHES counts the server connections of every pool of the branch (other tests' pools too)
            int branchServers = Integer.parseInt(console.rows("SHOW BRANCHES", "name", "main").get(0).get("servers"));
            assertTrue(branchServers >= servers.size(), branchServers + " vs " + servers);

            JsonNode overHttp = http().get("/clients").json().path("clients");
            List<JsonNode> httpClients = ofDatabase(overHttp, database);
            assertEquals(3, httpClients.size(), overHttp.toString());
            assertEquals(1, httpClients.stream().filter(row -> row.path("pins").toString().equals("[\"LISTEN\"]")
                    && row.path("server_pid").asInt() == pinnedPid).count(), overHttp.toString());
            JsonNode httpPool = ofDatabase(http().get("/pools").json().path("pools"), database).get(0);
            assertEquals(1, httpPool.path("cl_active").asInt(), httpPool.toString());
            assertEquals(3, httpPool.path("pool_size").asInt(), httpPool.toString());
            assertTrue(ofDatabase(http().get("/servers").json().path("servers"), database).stream()
                    .anyMatch(row -> row.path("pid").asInt() == pinnedPid && row.path("state").asText().equals("active")));
        }
    }

    @Test
    void showStatsCountsTransactionsQueriesAndBytes() throws Exception {
        String database = "console_stats";
        try (Connection client = connect(database); Console console = Console.open(pgwake.port())) {
            client.setAutoCommit(false);
            for (int i = 0; i < 10; i++) {
                assertEquals(Integer.toString(i), Sql.one(client, "select " + i));
                client.commit();
            }

            Map<String, String> stats = console.rows("SHOW STATS", "database", database).get(0);
            assertTrue(Long.parseLong(stats.get("total_xact_count")) >= 10, stats.toString());
            assertTrue(Long.parseLong(stats.get("total_query_count")) >= 10, stats.toString());
            assertTrue(Long.parseLong(stats.get("total_received")) > 0, stats.toString());
            assertTrue(Long.parseLong(stats.get("total_sent")) > 0, stats.toString());
            long total = Long.parseLong(stats.get("total_wait_time"));
            long average = Long.parseLong(stats.get("avg_wait_time"));
            assertTrue(total >= average && average >= 0, stats.toString());

            JsonNode overHttp = ofDatabase(http().get("/stats").json().path("stats"), database).get(0);
            assertTrue(overHttp.path("total_xact_count").asLong() >= Long.parseLong(stats.get("total_xact_count")),
                    overHttp.toString());
            assertTrue(overHttp.path("total_query_count").asLong() >= 10, overHttp.toString());
        }
    }

    @Test
    void pauseHoldsNewQueriesUntilResumeAndWaitsForTheLeasesInFlight() throws Exception {
        String database = "console_pause";
        String pool = "main/" + database + "/" + USER;
        try (Connection client = connect(database); Connection sleeper = connect(database);
             Console console = Console.open(pgwake.port())) {
            assertEquals("1", Sql.one(client, "select 1"));
            CompletableFuture<String> sleeping = Background.start("sleeper", () -> Sql.one(sleeper,
                    "select 'slept' from pg_sleep(1)"));
            Await.until(WAIT, () -> console.pool(database).get("sv_active"), "1"::equals, "the sleeper's lease");

            List<Map<String, String>> paused = console.rows("PAUSE " + pool);
            assertTrue(sleeping.isDone(), "PAUSE answers once the pool's leases are back");
            assertEquals("slept", sleeping.get());
            assertEquals(List.of(Map.of("branch", "main", "database", database, "user", USER, "paused", "true",
                    "sv_active", "0")), paused);

            CompletableFuture<String> held = Background.start("held", () -> Sql.one(client, "select 'ran'"));
            Await.until(WAIT, () -> console.pool(database).get("cl_waiting"), "1"::equals, "the query waits");
            assertFalse(held.isDone());
            assertEquals("true", console.pool(database).get("paused"));

            assertEquals("false", console.rows("RESUME " + pool).get(0).get("paused"));
            assertEquals("ran", held.get(WAIT.toSeconds(), TimeUnit.SECONDS));

            Http.Answer pausedOverHttp = http().post("/pools/main/" + database + "/" + USER + "/pause");
            assertEquals(200, pausedOverHttp.status(), pausedOverHttp.body());
            assertTrue(pausedOverHttp.json().path("pools").get(0).path("paused").asBoolean(), pausedOverHttp.body());
            CompletableFuture<String> heldAgain = Background.start("held again", () -> Sql.one(client, "select 'again'"));
            Await.until(WAIT, () -> console.pool(database).get("cl_waiting"), "1"::equals, "the query waits again");
            assertEquals(200, http().post("/pools/main/" + database + "/" + USER + "/resume").status());
            assertEquals("again", heldAgain.get(WAIT.toSeconds(), TimeUnit.SECONDS));

            assertEquals("42704", assertThrows(SQLException.class, () -> console.rows("PAUSE main/nosuch/" + USER))
                    .getSQLState());
            assertEquals(404, http().post("/pools/main/nosuch/" + USER + "/pause").status());
        }
    }

    @Test
    void killClientEndsExactlyThatClientWith57P01AndDiscardsItsTransaction() throws Exception {
        String database = "console_kill";
        try (Connection victim = connect(database); Connection bystander = connect(database);
             Console console = Console.open(pgwake.port()); Connection direct = server.connect("postgres")) {
            assertEquals("1", Sql.one(bystander, "select 1"));
            victim.setAutoCommit(false);
            Sql.execute(victim, "insert into kill_log values (1)");
            int victimPid = Sql.backendPid(victim);
            List<Map<String, String>> inTransaction = Await.until(WAIT, () -> console.rows("SHOW CLIENTS", "database",
                    database).stream().filter(row -> "in transaction".equals(row.get("transaction"))).toList(),
                    rows -> rows.size() == 1, "the victim in its transaction");
            String id = inTransaction.get(0).get("id");

            List<Map<String, String>> killed = console.rows("KILL_CLIENT " + id);

            assertEquals(List.of(Map.of("id", id, "user", USER, "database", database, "branch", "main")), killed);
            SQLException e = assertThrows(SQLException.class, () -> Sql.one(victim, "select 1"));
            assertEquals("57P01", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("terminated by an administrator (KILL_CLIENT)"), e.getMessage());
            assertEquals("2", Sql.one(bystander, "select 2"), "the other client goes on");
            Await.until(WAIT, () -> DirectServer.backends(direct, database, USER).contains(victimPid), found -> !found,
                    "the victim's server connection closed mid-transaction");
            assertEquals("0", Sql.one(direct, "select count(*) from pg_stat_activity where pid = " + victimPid));
            try (Connection check = server.connect(database)) {
                assertEquals("0", Sql.one(check, "select count(*) from kill_log"), "its transaction rolled back");
            }
            assertEquals("42704", assertThrows(SQLException.class, () -> console.rows("KILL_CLIENT " + id))
                    .getSQLState());

            String bystanderId = console.rows("SHOW CLIENTS", "database", database).get(0).get("id");
            Http.Answer deleted = http().delete("/clients/" + bystanderId);
            assertEquals(200, deleted.status(), deleted.body());
            assertEquals(bystanderId, deleted.json().path("id").asText());
            assertEquals("57P01", assertThrows(SQLException.class, () -> Sql.one(bystander, "select 1")).getSQLState());
            assertEquals(404, http().delete("/clients/" + bystanderId).status());
        }
    }

    @Test
    void showConfigListsTheConfigurationInEffectWithoutSecrets() throws Exception {
        try (Console console = Console.open(pgwake.port())) {
            List<Map<String, String>> rows = console.rows("SHOW CONFIG");
            Map<String, String> config = new java.util.HashMap<>();
            rows.forEach(row -> config.put(row.get("key"), row.get("value")));

            assertEquals("3", config.get("pool.pool_size"));
            assertEquals("1m", config.get("pool.query_wait_timeout"));
            assertEquals("transaction", config.get("pool.pool_mode"));
            assertEquals("127.0.0.1:0", config.get("listen"));
            assertEquals("static", config.get("driver.kind"));
            assertEquals(server.hostPort(), config.get("driver.branches.main"));
            assertEquals("<redacted>", config.get("server.password"));
            assertTrue(config.containsKey("http.token"));
            assertNull(config.get("http.token"), "no token configured");
            assertNotNull(config.get("shutdown_timeout"));
            assertTrue(rows.stream().noneMatch(row -> String.valueOf(row.get("value")).contains(SERVER_PASSWORD)),
                    rows.toString());
        }
    }

    private static Map<String, String> subset(Map<String, String> row, String... columns) {
        Map<String, String> picked = new java.util.HashMap<>();
        for (String column : columns) {
            picked.put(column, row.get(column));
        }
        return picked;
    }
}
