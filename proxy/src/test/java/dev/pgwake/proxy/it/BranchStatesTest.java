package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.IdlePolicy;
import dev.pgwake.lifecycle.ResumeKind;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client connects to a branch in each state, with the local driver and real PostgreSQL servers, and gets
 * the rows written before the branch went to sleep; the wake is the kind the state calls for (none for
 * running and idle, hot for suspended, warm for stopped, cold for archived and for a branch created on
 * connect from {@code main}). Each test works on a branch of its own, created from {@code main} on first
 * connect; the idle policy is off so only the tests put branches to sleep.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class BranchStatesTest {
    @RegisterExtension
    static final LocalPgwake pgwake = new LocalPgwake("lifecycle:\n  idle_after: 'off'\n  suspend_after: 'off'\n"
            + "  stop_after: 'off'\n");

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final BranchEvents events = new BranchEvents();

    @BeforeEach
    void listen() {
        pgwake.branches().addListener(events);
    }

    /** Creates {@code branch} from main by connecting to it, with its {@link BranchRows}: a cold resume. */
    private void createWithRows(String branch) throws Exception {
        BranchRows.create(pgwake, branch);
        assertEquals(Optional.of(ResumeKind.COLD), pgwake.info(branch).lastResume(), "a new branch is a cold resume");
        Await.until(WAIT, List.of(ResumeKind.COLD), () -> events.resumes(branch), branch + " resumes");
    }

    @Test
    void aRunningBranchAnswersWithoutAResume() throws Exception {
        String branch = "state-running";
        createWithRows(branch);

        try (Connection connection = pgwake.connect(branch)) {
            assertEquals(BranchRows.expected(branch), BranchRows.read(connection));
        }
        assertEquals(BranchState.RUNNING, pgwake.state(branch));
        assertEquals(Optional.of(ResumeKind.COLD), pgwake.info(branch).lastResume(), "no resume since the creation");
        assertEquals(List.of(ResumeKind.COLD), events.resumes(branch));
    }

    @Test
    void anIdleBranchAnswersWithoutAResumeAndItsOpenClientsGetNewServerConnections() throws Exception {
        String branch = "state-idle";
        createWithRows(branch);
        try (Connection kept = pgwake.connect(branch)) {
            assertEquals(BranchRows.expected(branch), BranchRows.read(kept));
            pgwake.branches().setPolicy(branch, IdlePolicy.never().withIdleAfter(Duration.ofMillis(200)));
            Await.until(WAIT, BranchState.IDLE, () -> pgwake.state(branch), branch + " state");
            pgwake.branches().setPolicy(branch, null); // stay IDLE: the class policy has every step off
            // IDLE closes the branch's server connections although a client is still connected to pgwake
            try (Connection direct = pgwake.connectDirect(branch)) {
                Await.until(WAIT, 0L, () -> Sql.count(direct, "select count(*) from pg_stat_activity "
                        + "where backend_type = 'client backend' and pid <> pg_backend_pid()"), "server connections");
            }
            assertEquals(BranchState.IDLE, pgwake.state(branch));

            try (Connection connection = pgwake.connect(branch)) {
                assertEquals(BranchRows.expected(branch), BranchRows.read(connection));
            }
            assertEquals(BranchRows.expected(branch), BranchRows.read(kept), "the client kept open across IDLE");
        }
        assertEquals(BranchState.RUNNING, pgwake.state(branch));
        assertEquals(Optional.of(ResumeKind.COLD), pgwake.info(branch).lastResume(), "no resume since the creation");
        assertEquals(List.of(ResumeKind.COLD), events.resumes(branch));
    }

    @Test
    void aSuspendedBranchWakesHot() throws Exception {
        String branch = "state-suspended";
        createWithRows(branch);
        pgwake.branches().suspend(branch).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(BranchState.SUSPENDED, pgwake.state(branch));
        assertEquals(Optional.of('T'), pgwake.postmasterState(branch), "the suspended postmaster is frozen");

        try (Connection connection = pgwake.connect(branch)) {
            assertEquals(BranchRows.expected(branch), BranchRows.read(connection));
        }
        assertEquals(BranchState.RUNNING, pgwake.state(branch));
        assertEquals(Optional.of(ResumeKind.HOT), pgwake.info(branch).lastResume());
        assertTrue(pgwake.postmasterState(branch).filter(s -> s != 'T').isPresent(), "the postmaster runs again");
        Await.until(WAIT, List.of(ResumeKind.COLD, ResumeKind.HOT), () -> events.resumes(branch), branch + " resumes");
    }

    @Test
    void aStoppedBranchWakesWarm() throws Exception {
        String branch = "state-stopped";
        createWithRows(branch);
        pgwake.branches().stop(branch).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(BranchState.STOPPED, pgwake.state(branch));
        assertFalse(Files.exists(pgwake.dataDir(branch).resolve("postmaster.pid")), "no server runs");
        assertTrue(Files.isDirectory(pgwake.dataDir(branch)), "the data stays local");

        try (Connection connection = pgwake.connect(branch)) {
            assertEquals(BranchRows.expected(branch), BranchRows.read(connection));
        }
        assertEquals(BranchState.RUNNING, pgwake.state(branch));
        assertEquals(Optional.of(ResumeKind.WARM), pgwake.info(branch).lastResume());
        Await.until(WAIT, List.of(ResumeKind.COLD, ResumeKind.WARM), () -> events.resumes(branch), branch + " resumes");
    }

    @Test
    void anArchivedBranchWakesCold() throws Exception {
        String branch = "state-archived";
        createWithRows(branch);
        pgwake.branches().archive(branch).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(BranchState.ARCHIVED, pgwake.state(branch));
        assertFalse(Files.exists(pgwake.dataDir(branch)), "no local data");
        assertTrue(Files.isRegularFile(pgwake.archive(branch)), "the data is in storage");

        try (Connection connection = pgwake.connect(branch)) {
            assertEquals(BranchRows.expected(branch), BranchRows.read(connection));
        }
        assertEquals(BranchState.RUNNING, pgwake.state(branch));
        assertEquals(Optional.of(ResumeKind.COLD), pgwake.info(branch).lastResume());
        Await.until(WAIT, List.of(ResumeKind.COLD, ResumeKind.COLD), () -> events.resumes(branch), branch + " resumes");
    }

    @Test
    void aBranchNotYetCreatedIsCreatedFromMainOnConnect() throws Exception {
        String branch = "feature-a";
        try (Connection main = pgwake.connect("main"); Statement statement = main.createStatement()) {
            statement.execute("create table before_feature_a (v text)");
            statement.execute("insert into before_feature_a values ('from main')");
        }
        assertTrue(pgwake.branches().info(branch).isEmpty(), branch + " must not exist yet");

        try (Connection feature = pgwake.connect(branch); Statement statement = feature.createStatement()) {
            assertEquals("from main", Sql.one(feature, "select string_agg(v, ',') from before_feature_a"));
            statement.execute("insert into before_feature_a values ('from feature-a')");
            assertEquals("from feature-a,from main",
                    Sql.one(feature, "select string_agg(v, ',' order by v) from before_feature_a"));
        }
        try (Connection main = pgwake.connect("main")) {
            assertEquals("from main", Sql.one(main, "select string_agg(v, ',') from before_feature_a"),
                    "a write in the branch does not reach its parent");
        }
        assertEquals(BranchState.RUNNING, pgwake.state(branch));
        assertEquals(Optional.of("main"), pgwake.info(branch).parent());
        assertEquals(Optional.of(ResumeKind.COLD), pgwake.info(branch).lastResume());
        Await.until(WAIT, List.of(ResumeKind.COLD), () -> events.resumes(branch), branch + " resumes");
    }
}
