package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.ResumeKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A branch's server dies behind pgwake's back (an immediate shutdown, as a crash or an OOM kill would leave
 * it): the pool finds the endpoint refusing connections and tells the branch's lifecycle, which recovers it
 * (the local driver finds it stopped and starts it), so the next query works instead of every client failing
 * against a dead endpoint.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class DeadComputeTest {
    @RegisterExtension
    static final LocalPgwake pgwake = new LocalPgwake("lifecycle:\n  idle_after: 'off'\n  suspend_after: 'off'\n"
            + "  stop_after: 'off'\n");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aServerKilledBehindPgwakesBackIsStartedAgainByTheNextQuery() throws Exception {
        String branch = "crashy";
        BranchRows.create(pgwake, branch);
        try (Connection connection = pgwake.connect(branch)) {
            assertEquals(BranchRows.expected(branch), BranchRows.read(connection)); // the pool holds a connection
        }

        killImmediately(pgwake.dataDir(branch));

        try (Connection connection = pgwake.connect(branch)) {
            assertEquals(BranchRows.expected(branch), BranchRows.read(connection));
        }
        assertEquals(BranchState.RUNNING, pgwake.state(branch));
        assertEquals(Optional.of(ResumeKind.WARM), pgwake.info(branch).lastResume(), "started again from stopped");
    }

    /** SIGQUIT to the postmaster: immediate shutdown, no checkpoint, clients cut off; waits until it is gone. */
    private static void killImmediately(Path dataDir) throws Exception {
        Path pidFile = dataDir.resolve("postmaster.pid");
        String pid = Files.readAllLines(pidFile).get(0).trim();
        Process kill = new ProcessBuilder("kill", "-QUIT", pid).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -QUIT " + pid);
        Await.until(WAIT, false, () -> Files.exists(pidFile), "postmaster.pid of the killed server");
    }
}
