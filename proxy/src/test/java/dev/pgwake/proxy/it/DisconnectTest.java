package dev.pgwake.proxy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * However a client goes, its server connection goes too: counted in pg_stat_activity by a unique
 * application_name, from a direct connection.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class DisconnectTest {
    private static final Duration GONE_WITHIN = Duration.ofSeconds(10);
    private static Pgwake pgwake;
    private static Connection direct;

    @BeforeAll
    static void start() throws SQLException {
        pgwake = Pgwake.start("");
        direct = PostgresFixture.shared().connect();
    }

    @AfterAll
    static void stop() throws SQLException {
        if (pgwake != null) {
            pgwake.close();
        }
        if (direct != null) {
            direct.close();
        }
    }

    @Test
    void closingAClientEndsItsServerBackend() throws Exception {
        String name = uniqueName();
        try (Connection connection = pgwake.connect(named(name))) {
            assertEquals(name, Sql.one(connection, "show application_name"));
            assertEquals(1, backends(name));
        }
        Await.until(GONE_WITHIN, 0L, () -> backends(name), "server backends of " + name + " after Terminate");
    }

    @Test
    void aClientThatVanishesWithoutTerminateEndsItsServerBackend() throws Exception {
        String name = uniqueName();
        try (RawClient client = new RawClient(pgwake.port())) {
            client.startup(Map.of("user", PostgresFixture.SUPERUSER, "database", "postgres", "application_name", name));
            client.readUntil('Z');
            client.query("select 1");
            client.readUntil('Z');
            assertEquals(1, backends(name));
        }
        Await.until(GONE_WITHIN, 0L, () -> backends(name), "server backends of " + name + " after the socket closed");
    }

    @Test
    void closingPgwakeEndsEveryServerBackend() throws Exception {
        String name = uniqueName();
        List<Connection> clients = new ArrayList<>();
        try (Pgwake own = Pgwake.start("")) {
            for (int i = 0; i < 3; i++) {
                clients.add(own.connect(named(name)));
            }
            assertEquals(3, backends(name));
        } finally {
            for (Connection client : clients) {
                client.close();
            }
        }
        Await.until(GONE_WITHIN, 0L, () -> backends(name), "server backends of " + name + " after pgwake closed");
    }

    private static long backends(String applicationName) throws SQLException {
        return Sql.count(direct, "select count(*) from pg_stat_activity where application_name = "
                + PostgresFixture.literal(applicationName));
    }

    private static Properties named(String applicationName) {
        Properties properties = Pgwake.properties(PostgresFixture.SUPERUSER, null);
        properties.setProperty("ApplicationName", applicationName);
        return properties;
    }

    private static String uniqueName() {
        return "it-" + UUID.randomUUID();
    }
}
