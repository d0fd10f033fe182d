package dev.pgwake.proxy.it;

import dev.pgwake.proxy.testing.Await;
import dev.pgwake.proxy.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.ResumeKind;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The idle policy end to end, with the local driver and real PostgreSQL servers: a branch with no transaction
 * or query steps down to IDLE and then SUSPENDED although its client stays connected to pgwake, and that
 * client's next query wakes it; an open transaction keeps its branch awake. Idleness comes from protocol
 * state, not from open connections.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class IdlePolicyTest {
    @RegisterExtension
    static final LocalPgwake pgwake = new LocalPgwake("lifecycle:\n  idle_after: 200ms\n  suspend_after: 500ms\n"
            + "  stop_after: 'off'\n");

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aQuietBranchIsSuspendedWhileItsClientStaysConnectedAndItsNextQueryWakesIt() throws Exception {
        String branch = "quiet";
        BranchEvents events = new BranchEvents();
        pgwake.branches().addListener(events);
        try (Connection connection = pgwake.connect(branch); Statement statement = connection.createStatement()) {
            statement.execute("create table t (v text)");
            statement.execute("insert into t values ('written before the sleep')");

            Await.until(WAIT, BranchState.SUSPENDED, () -> pgwake.state(branch), branch + " state");
            assertEquals(Optional.of('T'), pgwake.postmasterState(branch), "the compute is frozen");
            // Stepped down by the policy (through IDLE unless its timer ran late), not by an operator command.
            Await.until(WAIT, List.of(BranchState.SUSPENDING, BranchState.SUSPENDED),
                    () -> lastTwo(events.states(branch)), branch + " last states heard");

            assertEquals("written before the sleep", Sql.one(connection, "select v from t"));
            assertEquals(Optional.of(ResumeKind.HOT), pgwake.info(branch).lastResume());
        }
    }

    private static List<BranchState> lastTwo(List<BranchState> states) {
        return states.subList(Math.max(0, states.size() - 2), states.size());
    }

    @Test
    void anOpenTransactionKeepsItsBranchAwakeAndItsEndLetsItSleep() throws Exception {
        String branch = "in-transaction";
        try (Connection connection = pgwake.connect(branch); Statement statement = connection.createStatement()) {
            statement.execute("create table t (v int)");
            connection.setAutoCommit(false);
            statement.execute("insert into t values (1)");
            // Idle in transaction for well past idle_after + suspend_after: the branch must not step down.
            for (int i = 0; i < 15; i++) {
                Thread.sleep(100);
                assertEquals(BranchState.RUNNING, pgwake.state(branch), "state while a transaction is open");
            }
            connection.commit();
            // Back to autocommit: pgjdbc's BEGIN is a named prepared statement, which pgwake does not yet carry
            // over to the server connection it makes after the wake.
            connection.setAutoCommit(true);

            Await.until(WAIT, BranchState.SUSPENDED, () -> pgwake.state(branch), branch + " state after the commit");
            assertEquals("1", Sql.one(connection, "select count(*) from t"));
            assertEquals(Optional.of(ResumeKind.HOT), pgwake.info(branch).lastResume());
        }
    }
}
