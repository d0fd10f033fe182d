package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.lifecycle.BranchListener;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.ResumeKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client of a sleeping branch, with the local driver and real PostgreSQL servers. With the branch's parameters
 * cached, the handshake completes at once and the first query waits for the wake, over one server connection;
 * without them the client waits after authentication. The wake begins with the startup packet, so to find the
 * branch still asleep after the handshake each test holds a suspend ({@link SleepGate}) before the freeze: the
 * wake cannot finish until the test lets the suspend go on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class HandshakeWhileAsleepTest {
    @RegisterExtension
    static final LocalPgwake pgwake = new LocalPgwake("lifecycle:\n  idle_after: 'off'\n  suspend_after: 'off'\n"
            + "  stop_after: 'off'\n");

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String APPLICATION = "handshake-from-cache";

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void withCachedParametersTheHandshakeDoesNotWaitForTheWakeButTheFirstQueryDoes() throws Exception {
        String branch = "cached";
        BranchRows.create(pgwake, branch);
        assertFalse(pgwake.branches().cachedParameters(branch).isEmpty(), "parameters cached by the first client");
        logConnections(branch);
        long loginsBefore = pgwake.poolLogins(branch);
        SleepGate gate = new SleepGate(branch);
        pgwake.branches().addListener(gate);
        CompletableFuture<Void> suspended = pgwake.branches().suspend(branch);
        try {
            Await.until(WAIT, true, gate::holding, "suspend held before the freeze");
            // pgjdbc runs SET statements right after the handshake unless told the server is 9.0 or newer
            Properties properties = Pgwake.branchProperties(branch);
            properties.setProperty("assumeMinServerVersion", "10");
            properties.setProperty("ApplicationName", APPLICATION);

            try (Connection connection = pgwake.connect(properties)) {
                assertEquals(BranchState.SUSPENDING, pgwake.state(branch), "the handshake did not wait for the wake");
                CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> readRows(connection));
                Thread.sleep(300);
                assertFalse(first.isDone(), "the first query waits for the wake");

                gate.open();
                await(suspended);
                assertEquals(BranchRows.expected(branch), await(first));
                assertEquals(BranchState.RUNNING, pgwake.state(branch));
                assertEquals(Optional.of(ResumeKind.HOT), pgwake.info(branch).lastResume());
            }
            // the suspend closed the pool's connections: the first query needed a new one, and only one
            Await.until(WAIT, true, () -> pgwake.poolLogins(branch) > loginsBefore, "a server login after the wake");
            Thread.sleep(500); // time for a second login, if one was started
            assertEquals(loginsBefore + 1, pgwake.poolLogins(branch), "server connections opened for the one client");
        } finally {
            gate.open();
        }
    }

    /** Makes {@code branch}'s server log every login (sessions started after the reload). */
    private static void logConnections(String branch) throws Exception {
        try (Connection connection = pgwake.connect(branch); Statement statement = connection.createStatement()) {
            statement.execute("alter system set log_connections = on");
            statement.execute("select pg_reload_conf()");
        }
        Await.until(WAIT, "on", () -> {
            try (Connection direct = pgwake.connectDirect(branch)) {
                return Sql.one(direct, "show log_connections");
            }
        }, branch + " log_connections");
    }

    private static String readRows(Connection connection) {
        try {
            return BranchRows.read(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutCachedParametersTheClientWaitsAfterAuthenticationForTheWake() throws Exception {
        String branch = "uncached";
        await(pgwake.branches().create(branch, Optional.of("main"))); // no client yet: nothing cached
        assertTrue(pgwake.branches().cachedParameters(branch).isEmpty(), "no parameters cached");
        long loginsBefore = pgwake.poolLogins(branch);
        SleepGate gate = new SleepGate(branch);
        pgwake.branches().addListener(gate);
        CompletableFuture<Void> suspended = pgwake.branches().suspend(branch);
        try {
            Await.until(WAIT, true, gate::holding, "suspend held before the freeze");

            CompletableFuture<String> connected = CompletableFuture.supplyAsync(() -> {
                try (Connection connection = pgwake.connect(branch)) {
                    return Sql.one(connection, "show server_version_num");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(connected.isDone(), "the connection waits for the wake");

            gate.open();
            await(suspended);
            assertTrue(Integer.parseInt(await(connected)) >= 90000);
            assertEquals(Optional.of(ResumeKind.HOT), pgwake.info(branch).lastResume());
            assertFalse(pgwake.branches().cachedParameters(branch).isEmpty(), "parameters cached now");
        } finally {
            gate.open();
        }
    }

    /**
     * Holds the next suspend of one branch after its server connections are let go and before the freeze, until
     * opened (the coordinator waits at most its sleep grace, 10 s, for listeners).
     */
    private static final class SleepGate implements BranchListener {
        private final String branch;
        private final CompletableFuture<Void> gate = new CompletableFuture<>();
        private final AtomicBoolean armed = new AtomicBoolean(true);
        private volatile boolean holding;

        SleepGate(String branch) {
            this.branch = branch;
        }

        @Override
        public CompletionStage<Void> beforeSleep(String name, BranchState target) {
            if (name.equals(branch) && target == BranchState.SUSPENDED && armed.compareAndSet(true, false)) {
                holding = true;
                return gate;
            }
            return CompletableFuture.completedFuture(null);
        }

        boolean holding() {
            return holding && !gate.isDone();
        }

        void open() {
            gate.complete(null);
        }
    }
}
