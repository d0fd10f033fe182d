package dev.pgwake.proxy.it.pool;

import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Forty clients, each with a branch (two clusters), database, user and session settings drawn from a seeded
 * Random, share pools of three server connections per (branch, database, user): in every transaction each client
 * is who it logged in as, where it asked to be, and sees its own search_path, application_name and custom setting
 * {@code pgwake.client_id}, however it set them (startup options or SET) and whatever it did since (SET, SET LOCAL,
 * rolled back SET). Failures name the seed; {@code -Dpgwake.pool.seed=N} replays one.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class RandomizedIsolationTest {
    private static final int CLIENTS = 40;
    private static final int POOL_SIZE = 3;
    private static final List<String> DATABASES = List.of("pool_random_1", "pool_random_2");
    private static final List<String> USERS = List.of("pool_random_user_1", "pool_random_user_2");
    private static final List<String> SCHEMAS = List.of("s0", "s1", "s2", "s3");
    private static final String DEFAULT_PATH = "\"$user\", public";

    private static final Map<String, DirectServer> BRANCHES = new LinkedHashMap<>();
    private static PoolingPgwake pgwake;

    @BeforeAll
    static void start() throws SQLException {
        BRANCHES.put("main", DirectServer.shared());
        BRANCHES.put("other", DirectServer.second());
        Map<String, String> addresses = new LinkedHashMap<>();
        for (Map.Entry<String, DirectServer> branch : BRANCHES.entrySet()) {
            DirectServer server = branch.getValue();
            addresses.put(branch.getKey(), server.hostPort());
            for (String user : USERS) {
                server.createRole(user);
            }
            for (String database : DATABASES) {
                server.createDatabase(database);
                List<String> setup = new ArrayList<>(List.of("create table public.t as select 'public' as v",
                        "grant select on public.t to public"));
                for (String schema : SCHEMAS) {
                    setup.addAll(List.of("create schema " + schema, "grant usage on schema " + schema + " to public",
                            "create table " + schema + ".t as select '" + schema + "' as v",
                            "grant select on " + schema + ".t to public"));
                }
                server.execute(database, setup.toArray(String[]::new));
            }
        }
        pgwake = PoolingPgwake.start(addresses, "pool:\n  pool_mode: transaction\n  pool_size: " + POOL_SIZE + "\n");
    }

    @AfterAll
    static void stop() {
        if (pgwake != null) {
            pgwake.close();
        }
        BRANCHES.clear();
    }

    private static long seed(long offset) {
        long seed = Long.getLong("pgwake.pool.seed", System.nanoTime()) + offset;
        System.out.println("RandomizedIsolationTest seed " + seed + " (replay with -Dpgwake.pool.seed=" + seed + ")");
        return seed;
    }

    @Test
    void everyTransactionSeesItsOwnClientsIdentityPlaceAndSettings() throws Exception {
        long seed = seed(0);
        ConcurrentClients.run(CLIENTS, Duration.ofSeconds(60), client -> new Client(seed, client).run(25));
    }

    @Test
    void noPoolHoldsMoreThanPoolSizeServerBackends() throws Exception {
        long seed = seed(1);
        List<BackendPeak> watches = new ArrayList<>();
        try {
            for (DirectServer server : BRANCHES.values()) {
                for (String database : DATABASES) {
                    for (String user : USERS) {
                        watches.add(BackendPeak.watch(server, database, user));
                    }
                }
            }
            ConcurrentClients.run(CLIENTS, Duration.ofSeconds(60), client -> new Client(seed, client).run(10));
            for (BackendPeak watch : watches) {
                assertTrue(watch.peak() <= POOL_SIZE, "seed " + seed + ": pool over pool_size " + POOL_SIZE + ": "
                        + watch.describe());
            }
        } finally {
            Exception failed = null;
            for (BackendPeak watch : watches) {
                try {
                    watch.close();
                } catch (Exception e) {
                    if (failed == null) {
                        failed = e;
                    } else {
                        failed.addSuppressed(e);
                    }
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
    }

    /** One client: where it goes and what it expects of its session, drawn from the seed and its index. */
    private static final class Client {
        private final Random random;
        private final String name;
        private final String branch;
        private final String database;
        private final String user;
        private final int port;
        private String searchPath;
        private String applicationName;
        private String clientId;

        Client(long seed, int index) {
            this.random = new Random(seed * 1_000_003L + index);
            this.branch = pick(new ArrayList<>(BRANCHES.keySet()));
            this.database = pick(DATABASES);
            this.user = pick(USERS);
            this.port = BRANCHES.get(branch).port();
            this.name = "seed " + seed + " client " + index + " (" + user + "@" + database + " on " + branch + ")";
        }

        private <T> T pick(List<T> choices) {
            return choices.get(random.nextInt(choices.size()));
        }

        void run(int transactions) throws SQLException {
            try (Connection connection = connect()) {
                settle(connection);
                for (int step = 0; step < transactions; step++) {
                    transaction(connection, name + " step " + step);
                }
            }
        }

        /** Connects, naming the branch (or not, for main) and setting some of its settings at startup. */
        private Connection connect() throws SQLException {
            Properties properties = PoolingPgwake.properties(user);
            List<String> options = new ArrayList<>();
            if (random.nextBoolean()) {
                searchPath = pick(SCHEMAS);
                options.add("-c search_path=" + searchPath);
            }
            if (random.nextBoolean()) {
                clientId = "options-" + Integer.toHexString(random.nextInt());
                options.add("-c pgwake.client_id=" + clientId);
            }
            if (random.nextBoolean()) {
                applicationName = "app-" + Integer.toHexString(random.nextInt());
                properties.setProperty("ApplicationName", applicationName);
            }
            if (!branch.equals("main") || random.nextBoolean()) {
                options.add(0, (options.isEmpty() ? "branch=" : "--branch=") + branch);
            }
            if (!options.isEmpty()) {
                properties.setProperty("options", String.join(" ", options));
            }
            return pgwake.connect(database, properties);
        }

        /** Sets with SET what the startup did not. */
        private void settle(Connection connection) throws SQLException {
            if (searchPath == null && random.nextBoolean()) {
                searchPath = pick(SCHEMAS);
                Sql.execute(connection, "set search_path to " + searchPath);
            }
            if (clientId == null) {
                clientId = "set-" + Integer.toHexString(random.nextInt());
                Sql.execute(connection, "set pgwake.client_id = '" + clientId + "'");
            }
            if (applicationName == null) {
                applicationName = "set-app-" + Integer.toHexString(random.nextInt());
                Sql.execute(connection, "set application_name = '" + applicationName + "'");
            }
        }

        private void transaction(Connection connection, String what) throws SQLException {
            switch (random.nextInt(6)) {
                case 0 -> check(connection, what + " (autocommit)");
                case 1 -> setLocal(connection, what);
                case 2 -> inTransaction(connection, () -> {
                    searchPath = pick(SCHEMAS);
                    Sql.execute(connection, "set search_path to " + searchPath);
                    check(connection, what + " (SET search_path in a transaction)");
                });
                case 3 -> {
                    connection.setAutoCommit(false);
                    Sql.execute(connection, "set pgwake.client_id = 'rolled back'");
                    Sql.execute(connection, "set application_name = 'rolled back'");
                    connection.rollback();
                    connection.setAutoCommit(true);
                    check(connection, what + " (after rolled back SETs)");
                }
                case 4 -> {
                    applicationName = "app-" + Integer.toHexString(random.nextInt());
                    clientId = clientId + "+";
                    Sql.execute(connection, "set application_name = '" + applicationName + "'");
                    Sql.execute(connection, "set pgwake.client_id = '" + clientId + "'");
                    check(connection, what + " (after autocommit SETs)");
                }
                default -> inTransaction(connection, () -> {
                    check(connection, what + " (transaction, first check)");
                    check(connection, what + " (transaction, second check)");
                });
            }
        }

        private void setLocal(Connection connection, String what) throws SQLException {
            inTransaction(connection, () -> {
                check(connection, what + " (transaction)");
                String local = pick(SCHEMAS);
                Sql.execute(connection, "set local search_path to " + local);
                assertEquals(local, Sql.one(connection, "select v from t"), what + ": SET LOCAL search_path");
            });
            check(connection, what + " (after a SET LOCAL)");
        }

        /** Statements that may throw SQLException. */
        private interface Work {
            void run() throws SQLException;
        }

        private static void inTransaction(Connection connection, Work work) throws SQLException {
            connection.setAutoCommit(false);
            work.run();
            connection.commit();
            connection.setAutoCommit(true);
        }

        private void check(Connection connection, String what) throws SQLException {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                    "select current_user, current_database(), inet_server_port(), current_setting('search_path'),"
                            + " (select v from t), current_setting('application_name'),"
                            + " current_setting('pgwake.client_id', true)")) {
                assertTrue(rows.next(), what);
                assertEquals(user, rows.getString(1), what + ": current_user");
                assertEquals(database, rows.getString(2), what + ": current_database()");
                assertEquals(port, rows.getInt(3), what + ": server port, i.e. branch " + branch);
                assertEquals(searchPath == null ? DEFAULT_PATH : searchPath, rows.getString(4), what + ": search_path");
                assertEquals(searchPath == null ? "public" : searchPath, rows.getString(5), what + ": table t");
                assertEquals(applicationName, rows.getString(6), what + ": application_name");
                assertEquals(clientId, rows.getString(7), what + ": pgwake.client_id");
            }
        }
    }
}
