package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.ResumeKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients of a suspended branch, with the local driver and real PostgreSQL servers: many connecting at once share
 * one hot resume, a connection kept open across a suspend goes on working, and a client that leaves a sleeping
 * branch does not wake it. Each test works on a branch of its own, created from {@code main}; the idle policy is
 * off so only the tests put branches to sleep.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class SuspendedBranchClientsTest {
    @RegisterExtension
    static final LocalPgwake pgwake = new LocalPgwake("lifecycle:\n  idle_after: 'off'\n  suspend_after: 'off'\n"
            + "  stop_after: 'off'\n");

    /** pgwake holds one server connection per connected client (session mode): 200 clients, 200 connections. */
    private static final int CLIENTS = 200;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void twoHundredClientsConnectingAtOnceToASuspendedBranchShareOneHotResume() throws Exception {
        String branch = "crowd";
        try (Connection connection = pgwake.connect(branch); Statement statement = connection.createStatement()) {
            // The local driver's servers allow 200 connections: leave room for the test's own.
            statement.execute("alter system set max_connections = " + (CLIENTS + 100));
        }
        await(pgwake.branches().stop(branch));
        await(pgwake.branches().resume(branch)); // a restart applies max_connections
        try (Connection connection = pgwake.connect(branch)) {
            assertEquals(Integer.toString(CLIENTS + 100), Sql.one(connection, "show max_connections"));
        }
        await(pgwake.branches().suspend(branch));
        assertEquals(Optional.of('T'), pgwake.postmasterState(branch));
        BranchEvents events = new BranchEvents();
        pgwake.branches().addListener(events);

        List<String> failures = connectAllAtOnce(branch);

        assertEquals(List.of(), failures, failures.size() + " of " + CLIENTS + " clients failed");
        assertEquals(Optional.of(ResumeKind.HOT), pgwake.info(branch).lastResume());
        // Listeners hear events in order: once the next suspend is heard, every wake before it has been too.
        await(pgwake.branches().suspend(branch));
        Await.until(WAIT, true, () -> {
            List<BranchState> states = events.states(branch);
            int woke = states.indexOf(BranchState.RESUMING);
            return woke >= 0 && states.subList(woke, states.size()).contains(BranchState.SUSPENDED);
        }, branch + " suspend after the wake heard");
        assertEquals(List.of(ResumeKind.HOT), events.resumes(branch), "resumes");
        List<BranchState> states = events.states(branch);
        assertEquals(1, Collections.frequency(states, BranchState.RESUMING), "wakes in " + states);
    }

    /** Each client connects, runs {@code select 1} and disconnects, all released together; returns the failures. */
    private static List<String> connectAllAtOnce(String branch) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch ready = new CountDownLatch(CLIENTS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                results.add(threads.submit(() -> {
                    ready.countDown();
                    assertTrue(start.await(WAIT.toSeconds(), TimeUnit.SECONDS), "start signal");
                    try (Connection connection = pgwake.connect(branch)) {
                        return Sql.one(connection, "select 1");
                    }
                }));
            }
            assertTrue(ready.await(WAIT.toSeconds(), TimeUnit.SECONDS), "client threads ready");
            start.countDown();
            List<String> failures = new ArrayList<>();
            for (Future<String> result : results) {
                try {
                    String one = result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    if (!one.equals("1")) {
                        failures.add("select 1 returned " + one);
                    }
                } catch (ExecutionException e) {
                    failures.add(e.getCause().toString());
                }
            }
            return failures;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aConnectionKeptOpenAcrossASuspendKeepsWorking() throws Exception {
        String branch = "kept-open";
        BranchRows.create(pgwake, branch);
        try (Connection connection = pgwake.connect(branch); Statement statement = connection.createStatement()) {
            assertEquals(BranchRows.expected(branch), BranchRows.read(connection));
            String serverPid = Sql.one(connection, "select pg_backend_pid()");

            await(pgwake.branches().suspend(branch));
            assertEquals(BranchState.SUSPENDED, pgwake.state(branch));
            assertEquals(Optional.of('T'), pgwake.postmasterState(branch), "the compute is frozen");

            assertEquals(BranchRows.expected(branch), BranchRows.read(connection), "the first query after the suspend");
            assertEquals(BranchState.RUNNING, pgwake.state(branch));
            assertEquals(Optional.of(ResumeKind.HOT), pgwake.info(branch).lastResume());
            assertNotEquals(serverPid, Sql.one(connection, "select pg_backend_pid()"),
                    "the server connection was let go before the freeze and a new one made after the wake");
            statement.execute("insert into t values (3, 'after the wake')");
            assertEquals("3", Sql.one(connection, "select count(*) from t"));
        }
    }

    @Test
    void aClientLeavingASuspendedBranchDoesNotWakeIt() throws Exception {
        String branch = "left-asleep";
        BranchRows.create(pgwake, branch);
        Connection connection = pgwake.connect(branch);
        try {
            assertEquals(BranchRows.expected(branch), BranchRows.read(connection));
            await(pgwake.branches().suspend(branch));
        } finally {
            connection.close(); // pgjdbc sends Terminate to a session that holds no server connection now
        }
        Thread.sleep(500); // a wake, if one was started, takes milliseconds
        assertEquals(BranchState.SUSPENDED, pgwake.state(branch), "a client's goodbye woke the branch");
        assertEquals(Optional.of(ResumeKind.COLD), pgwake.info(branch).lastResume());
    }

    @Test
    void aConnectionUsingServerPreparedStatementsKeepsWorkingAcrossASuspend() throws Exception {
        String branch = "kept-prepared";
        BranchRows.create(pgwake, branch);
        try (Connection connection = pgwake.connect(branch);
                PreparedStatement select = connection.prepareStatement("select v from t where id = ?")) {
            connection.setAutoCommit(false); // pgjdbc's BEGIN is a named statement too
            for (int i = 0; i < 6; i++) { // past prepareThreshold (5): the statement is prepared on the server
                select.setInt(1, 1);
                try (ResultSet row = select.executeQuery()) {
                    assertTrue(row.next());
                }
            }
            connection.commit();

            await(pgwake.branches().suspend(branch));

            select.setInt(1, 2);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                assertEquals(branch, row.getString(1));
            }
            connection.commit();
        }
    }
}
