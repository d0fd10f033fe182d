package dev.pgwake.proxy.it.pool;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgwake.proxy.Main;
import dev.pgwake.proxy.ProxyServer;
import dev.pgwake.proxy.config.ConfigLoader;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.testing.PostgresFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELOAD from the console and over HTTP, on a pgwake started from a file as {@code -c FILE} starts it: a new
 * {@code pool_size} applies while a client stays connected, so do console users, timeouts and frame and buffer
 * sizes, a key that needs a restart is named, a broken file changes nothing. SHUTDOWN answers, then lets a transaction in flight commit while idle clients get 57P01.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ReloadAndShutdownTest {
    private static final String DATABASE = "console_reload";
    private static final String USER = PostgresFixture.TRUST_USER;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static DirectServer server;

    @BeforeAll
    static void createDatabase() throws SQLException {
        server = DirectServer.shared();
        server.createDatabase(DATABASE);
        server.execute(DATABASE, "create table shutdown_log (v int)", "grant all on shutdown_log to public");
    }

    private static String yaml(int poolSize, String tlsMode) {
        return "listen: 127.0.0.1:0\nhttp: {listen: '127.0.0.1:0'}\nshutdown_timeout: 20s\n"
                + "driver: {kind: static, branches: {main: '" + server.hostPort() + "'}}\n"
                + "lifecycle: {idle_after: 'off', suspend_after: 'off', stop_after: 'off'}\n"
                + "tls: {mode: " + tlsMode + "}\npool: {pool_size: " + poolSize + "}\n";
    }

    /** pgwake from {@code file}, reading it again on RELOAD. */
    private static Running start(Path file) throws InterruptedException {
        ProxyConfig config = new ConfigLoader().load(file);
        ProxyServer proxy = new ProxyServer(config, Main.driver(config.driver(), config.routing().defaultBranch()),
                () -> new ConfigLoader().load(file));
        try {
            return new Running(proxy, proxy.start().getPort());
        } catch (RuntimeException | InterruptedException e) {
            proxy.close();
            throw e;
        }
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE,
                PoolingPgwake.properties(USER));
    }

    private static Map<String, Map<String, String>> byKey(List<Map<String, String>> rows) {
        Map<String, Map<String, String>> keyed = new HashMap<>();
        rows.forEach(row -> keyed.put(row.get("key"), row));
        return keyed;
    }

    @Test
    void reloadsOfThePoolSizeUnderLoadCostNoClientAnError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pgwake.yaml"), yaml(4, "allow"));
        try (Running pgwake = start(file); Console console = Console.open(pgwake.port)) {
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicLong transactions = new java.util.concurrent.atomic.AtomicLong();
            List<java.util.concurrent.CompletableFuture<Void>> clients = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                clients.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try (Connection client = connect(pgwake.port)) {
                        client.setAutoCommit(false);
                        while (running.get()) {
                            assertEquals("1", Sql.one(client, "select 1"));
                            client.commit();
                            transactions.incrementAndGet();
                        }
                    } catch (SQLException e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                }));
            }
            for (int size : new int[] {1, 6, 2, 5}) {
                Files.writeString(file, yaml(size, "allow"));
                assertEquals("applied", byKey(console.rows("RELOAD")).get("pool.pool_size").get("status"));
                assertEquals(Integer.toString(size), console.pool(DATABASE).get("pool_size"));
                long before = transactions.get();
                Await.until(Duration.ofSeconds(20), true, () -> transactions.get() > before + 20,
                        "transactions go on with pool_size " + size);
            }
            running.set(false);
            java.util.concurrent.CompletableFuture.allOf(clients.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(30, java.util.concurrent.TimeUnit.SECONDS); // rethrows any client's error
        }
    }

    @Test
    void reloadAppliesANewPoolSizeWithoutDroppingTheClientAndNamesWhatNeedsARestart(@TempDir Path dir)
            throws Exception {
        Path file = Files.writeString(dir.resolve("pgwake.yaml"), yaml(5, "allow"));
        try (Running pgwake = start(file); Connection client = connect(pgwake.port);
             Console console = Console.open(pgwake.port)) {
            Sql.execute(client, "set application_name = 'kept across reloads'");
            assertEquals("5", console.pool(DATABASE).get("pool_size"));

            Files.writeString(file, yaml(2, "off").replace("http: {listen: '127.0.0.1:0'}", "http: {listen: '127.0.0.1:1'}"));
            Map<String, Map<String, String>> changes = byKey(console.rows("RELOAD"));

            assertEquals(Map.of("key", "pool.pool_size", "old_value", "5", "new_value", "2", "status", "applied"),
                    changes.get("pool.pool_size"));
            assertEquals("restart required", changes.get("http.listen").get("status"), changes.toString());
            assertEquals("applied to new clients", changes.get("tls.mode").get("status"), changes.toString());
            assertEquals("2", console.pool(DATABASE).get("pool_size"));
            assertEquals("kept across reloads", Sql.one(client, "show application_name"), "the client stayed");
            Map<String, Map<String, String>> config = byKey(console.rows("SHOW CONFIG"));
            assertEquals("2", config.get("pool.pool_size").get("value"));
            assertEquals("127.0.0.1:0", config.get("http.listen").get("value"), "in effect until a restart");
            assertEquals("off", config.get("tls.mode").get("value"));

            Files.writeString(file, yaml(4, "off"));
            Http.Answer reloaded = new Http(pgwake.proxy.httpAddress().orElseThrow().getPort()).post("/reload");
            assertEquals(200, reloaded.status(), reloaded.body());
            JsonNode change = null;
            for (JsonNode each : reloaded.json().path("changes")) {
                change = each.path("key").asText().equals("pool.pool_size") ? each : change;
            }
            assertEquals("{\"key\":\"pool.pool_size\",\"old_value\":\"2\",\"new_value\":\"4\",\"status\":\"applied\"}",
                    String.valueOf(change), reloaded.body());
            assertEquals("4", console.pool(DATABASE).get("pool_size"));

            Files.writeString(file, yaml(3, "off") + "pool: {no_such_key: 1}\n");
            SQLException refused = assertThrows(SQLException.class, () -> console.rows("RELOAD"));
            assertEquals("F0000", refused.getSQLState(), refused.getMessage());
            assertEquals("4", console.pool(DATABASE).get("pool_size"), "a broken file changes nothing");
            assertEquals("1", Sql.one(client, "select 1"));
        }
    }

    @Test
    void reloadAppliesConsoleUsersAndTimeoutsWithoutARestart(@TempDir Path dir) throws Exception {
        String admins = "admin: {users: [" + PostgresFixture.SUPERUSER + "]}\n";
        Path file = Files.writeString(dir.resolve("pgwake.yaml"), yaml(5, "allow") + admins);
        try (Running pgwake = start(file); Console console = Console.open(pgwake.port)) {
            SQLException refused = assertThrows(SQLException.class, () -> Console.open(pgwake.port, USER).close());
            assertEquals("42501", refused.getSQLState(), refused.getMessage());

            Files.writeString(file, yaml(5, "allow").replace("shutdown_timeout: 20s", "shutdown_timeout: 7s")
                    .replace("stop_after: 'off'}", "stop_after: 'off', wake_timeout: 12s, client_buffer: 2MB}")
                    + "admin: {users: [" + PostgresFixture.SUPERUSER + ", " + USER + "]}\n"
                    + "startup_timeout: 9s\nmax_frame_size: 1MB\n");
            Map<String, Map<String, String>> changes = byKey(console.rows("RELOAD"));

            assertEquals("applied to new console logins", changes.get("admin.users").get("status"), changes.toString());
            assertEquals("applied", changes.get("shutdown_timeout").get("status"));
            assertEquals("applied to new clients", changes.get("startup_timeout").get("status"));
            assertEquals("applied to new clients", changes.get("max_frame_size").get("status"));
            assertEquals("applied to new clients", changes.get("lifecycle.client_buffer").get("status"));
            assertEquals("applied to new wakes", changes.get("lifecycle.wake_timeout").get("status"));
            try (Console allowed = Console.open(pgwake.port, USER)) {
                assertEquals("main", allowed.rows("SHOW BRANCHES").get(0).get("name"), "a login the reload allowed");
            }
            Map<String, Map<String, String>> config = byKey(console.rows("SHOW CONFIG"));
            assertEquals("7s", config.get("shutdown_timeout").get("value"));
            assertEquals("12s", config.get("lifecycle.wake_timeout").get("value"));
            assertEquals(Duration.ofSeconds(7), pgwake.proxy.shutdownTimeout());
            try (Connection client = connect(pgwake.port)) {
                String big = "select '" + "x".repeat(1 << 20) + "'";
                SQLException tooBig = assertThrows(SQLException.class, () -> Sql.one(client, big));
                assertEquals("08P01", tooBig.getSQLState(), "a client that connects after the reload has 1MB frames");
            }
        }
    }

    @Test
    void shutdownLetsATransactionInFlightCommitWhileIdleClientsGet57P01(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pgwake.yaml"), yaml(5, "allow"));
        try (Running pgwake = start(file); Connection idle = connect(pgwake.port);
             Connection busy = connect(pgwake.port); Console console = Console.open(pgwake.port);
             Connection direct = server.connect("postgres")) {
            assertEquals("1", Sql.one(idle, "select 1"));
            busy.setAutoCommit(false);
            Sql.execute(busy, "insert into shutdown_log values (1)");
            CompletableFuture<String> committed = Background.start("in flight", () -> {
                String slept = Sql.one(busy, "select 'slept' from pg_sleep(1)");
                busy.commit();
                busy.setAutoCommit(true); // from now on each query is a transaction of its own
                return slept;
            });
            Await.until(WAIT, () -> Sql.one(direct, "select count(*) from pg_stat_activity where datname = '"
                    + DATABASE + "' and query like '%pg_sleep%' and state = 'active'"), "1"::equals, "the sleep runs");

            List<Map<String, String>> answer = console.rows("SHUTDOWN");

            assertEquals("shutting down", answer.get(0).get("status"));
            SQLException cutOff = Await.until(WAIT, () -> failure(idle), e -> e != null, "the idle client cut off");
            assertEquals("57P01", cutOff.getSQLState(), cutOff.getMessage());
            assertTrue(cutOff.getMessage().contains("pgwake is shutting down"), cutOff.getMessage());
            assertEquals("slept", committed.get(WAIT.toSeconds(), TimeUnit.SECONDS), "the transaction committed");
            SQLException afterCommit = Await.until(WAIT, () -> failure(busy), e -> e != null,
                    "the busy client closed once its transaction ended");
            assertEquals("57P01", afterCommit.getSQLState(), afterCommit.getMessage());
            CompletableFuture.runAsync(() -> {
                try {
                    pgwake.proxy.awaitClose();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            try (Connection check = server.connect(DATABASE)) {
                assertEquals("1", Sql.one(check, "select count(*) from shutdown_log"));
            }
        }
    }

    /** What {@code select 1} fails with, or null while it succeeds (the shutdown begins in the background). */
    private static SQLException failure(Connection client) {
        try {
            Sql.one(client, "select 1");
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    /** A started pgwake and its port; closed with the test. */
    private static final class Running implements AutoCloseable {
        final ProxyServer proxy;
        final int port;

        Running(ProxyServer proxy, int port) {
            this.proxy = proxy;
            this.port = port;
        }

        @Override
        public void close() {
            proxy.close();
        }
    }
}
