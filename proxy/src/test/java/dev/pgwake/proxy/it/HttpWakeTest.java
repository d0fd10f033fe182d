package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.ResumeKind;
import dev.pgwake.proxy.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Waiting for a wake that goes wrong or takes long, with the http driver against a real HTTP server playing the
 * control plane ({@link FakeControlPlane}) and the shared PostgreSQL server behind it: a failed wake and a wake
 * past {@code wake_timeout} give every waiting client 57P03 naming the branch, and a cancel ends one client's
 * wait with 57014 while the wake goes on. Each test starts its own pgwake.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class HttpWakeTest {
    private static final int WAITERS = 5;

    private FakeControlPlane plane;

    @BeforeEach
    void startControlPlane() {
        plane = new FakeControlPlane(PostgresFixture.shared().endpoint());
    }

    @AfterEach
    void stopControlPlane() {
        plane.close();
    }

    private Pgwake pgwake(String wakeTimeout) {
        return Pgwake.startConfigured("driver:\n  kind: http\n  url: \"" + plane.url() + "\"\n"
                + "lifecycle:\n  wake_timeout: " + wakeTimeout + "\n  idle_after: 'off'\n  suspend_after: 'off'\n");
    }

    @Test
    void aWakeThatFailsGivesEveryWaitingClient57P03NamingTheBranchTheKindAndTheCause() throws Exception {
        plane.branch("broken", "suspended").wakes("broken", FakeControlPlane.WakeAnswer.failing(500));
        try (Pgwake pgwake = pgwake("10s")) {
            List<SQLException> errors = connectAtOnce(pgwake, "broken");

            for (SQLException e : errors) {
                assertEquals("57P03", e.getSQLState(), e.getMessage());
                assertTrue(e.getMessage().contains("branch \"broken\""), e.getMessage());
                assertTrue(e.getMessage().contains("hot resume"), e.getMessage());
                assertTrue(e.getMessage().contains("answered POST " + plane.url() + "/branches/broken/wake with 500"),
                        e.getMessage());
            }
            assertTrue(plane.calls("POST /branches/broken/wake") >= 1);
        }
    }

    @Test
    void aWakePastWakeTimeoutGivesEveryWaitingClient57P03NamingTheBranch() throws Exception {
        plane.branch("stuck", "suspended").wakes("stuck", FakeControlPlane.WakeAnswer.never());
        try (Pgwake pgwake = pgwake("1s")) {
            List<SQLException> errors = connectAtOnce(pgwake, "stuck");

            for (SQLException e : errors) {
                assertEquals("57P03", e.getSQLState(), e.getMessage());
                assertTrue(e.getMessage().contains("branch \"stuck\" did not wake within wake_timeout (1000 ms"),
                        e.getMessage());
            }
            assertEquals(1, plane.calls("POST /branches/stuck/wake"), "one wake for all waiters");
        }
    }

    /** {@value #WAITERS} pgjdbc clients connect to {@code branch} together; returns the error each must get. */
    private static List<SQLException> connectAtOnce(Pgwake pgwake, String branch) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(WAITERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SQLException>> outcomes = new ArrayList<>();
            for (int i = 0; i < WAITERS; i++) {
                outcomes.add(threads.submit(() -> {
                    assertTrue(start.await(10, TimeUnit.SECONDS), "start signal");
                    return assertThrows(SQLException.class, () -> pgwake.connect(branch).close());
                }));
            }
            start.countDown();
            List<SQLException> errors = new ArrayList<>();
            for (Future<SQLException> outcome : outcomes) {
                try {
                    errors.add(outcome.get(30, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    throw new AssertionError("a client did not get an error", e.getCause());
                }
            }
            return errors;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aCancelWhileTheBranchWakesEndsTheWaitWith57014AndTheWakeGoesOn() throws Exception {
        plane.branch("slow", "running");
        try (Pgwake pgwake = pgwake("10s")) {
            try (Connection first = pgwake.connect("slow")) {
                assertEquals("1", Sql.one(first, "select 1")); // the branch's parameters are cached from here on
            }
            pgwake.branches().suspend("slow").get(10, TimeUnit.SECONDS);
            assertEquals(BranchState.SUSPENDED, pgwake.branches().info("slow").orElseThrow().state());
            plane.wakes("slow", FakeControlPlane.WakeAnswer.readyAfter(Duration.ofSeconds(3)));
            // With the server version assumed, pgjdbc runs no query of its own after the handshake.
            Properties properties = Pgwake.branchProperties("slow");
            properties.setProperty("assumeMinServerVersion", "10");

            try (Connection connection = pgwake.connect(properties);
                    Statement statement = connection.createStatement()) {
                CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
                    try {
                        statement.cancel();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
                SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                        () -> assertThrows(SQLException.class, () -> statement.execute("select 1")));
                assertEquals("57014", e.getSQLState(), e.getMessage());
                assertTrue(e.getMessage().contains("branch \"slow\" was still waking"), e.getMessage());
                cancel.get(10, TimeUnit.SECONDS);
                assertEquals(BranchState.RESUMING, pgwake.branches().info("slow").orElseThrow().state(),
                        "the wake goes on");

                assertEquals("after the wake", Sql.one(connection, "select 'after the wake'"));
            }
            assertEquals(Optional.of(ResumeKind.HOT), pgwake.branches().info("slow").orElseThrow().lastResume());
            assertEquals(1, plane.calls("POST /branches/slow/wake"), "the cancel neither ended nor restarted the wake");
        }
    }
}
