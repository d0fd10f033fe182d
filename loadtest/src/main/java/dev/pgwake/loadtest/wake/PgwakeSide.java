package dev.pgwake.loadtest.wake;

import dev.pgwake.loadtest.branch.BranchRow;
import dev.pgwake.loadtest.branch.PgwakeBranches;
import dev.pgwake.loadtest.branch.ResumeKind;
import dev.pgwake.loadtest.run.ErrorTally;
import dev.pgwake.loadtest.scenario.ScenarioException;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Wakes through pgwake: the admin console puts the branch to sleep ({@code SUSPEND}, {@code STOP} or
 * {@code ARCHIVE BRANCH}), then a client connects to the branch and runs {@code select 1}, timed; SHOW
 * BRANCHES must then say that wake was of the kind asked for. In {@link ColdMode#NEW_BRANCH} a cold wake
 * connects to an unused branch {@code wake-<n>} instead (pgwake creates it from its parent), which is
 * dropped afterwards. The branch is reached with {@code options=--branch=NAME} unless the URL sets options.
 */
final class PgwakeSide implements WakeSide {
    static final String NEW_BRANCH_PREFIX = "wake-";

    private final PgwakeBranches branches;
    private final String branch;
    private final ColdMode coldMode;
    private final ErrorTally cleanupProblems;
    private final Set<String> namesSeen = new HashSet<>();
    private int nextNumber = 1;
    private boolean running;

    PgwakeSide(PgwakeBranches branches, String branch, ColdMode coldMode, ErrorTally cleanupProblems) {
        this.branches = branches;
        this.branch = branch;
        this.coldMode = coldMode;
        this.cleanupProblems = cleanupProblems;
        branches.route(branch); // checks the name
    }

    /**
     * Checks that the branch answers through pgwake and that the admin console lists it; returns the
     * branch's server_version.
     */
    String open() throws ScenarioException {
        if (coldMode == ColdMode.NEW_BRANCH) {
            branches.target().requireUnset("--cold-mode new-branch", "options");
        }
        String version = branches.reach(branch);
        running = true;
        return version;
    }

    @Override
    public String name() {
        return "pgwake";
    }

    @Override
    public long wake(ResumeKind kind) throws WakeFailure, InterruptedException {
        if (kind == ResumeKind.COLD && coldMode == ColdMode.NEW_BRANCH) {
            return wakeNewBranch();
        }
        ensureRunning();
        try {
            branches.sleep(branch, kind);
        } catch (SQLException e) {
            throw WakeFailure.of(kind.sleepVerb().toLowerCase(Locale.ROOT), e);
        }
        running = false;
        long nanos = connect(branch);
        running = true;
        check(branch, kind);
        return nanos;
    }

    private long wakeNewBranch() throws WakeFailure {
        String name = unusedName();
        try {
            long nanos = connect(name);
            check(name, ResumeKind.COLD);
            return nanos;
        } finally {
            try {
                branches.admin().execute("DROP BRANCH " + name + " FORCE");
            } catch (SQLException e) {
                cleanupProblems.record("pgwake cold drop " + WakeFailure.code(e), "DROP BRANCH " + name + " FORCE: "
                        + e.getMessage());
            }
        }
    }

    /** {@code wake-<n>} for the lowest n not used in this run and not listed by SHOW BRANCHES now. */
    private String unusedName() throws WakeFailure {
        try {
            branches.admin().branches().forEach(b -> namesSeen.add(b.name()));
        } catch (SQLException e) {
            throw WakeFailure.of("show branches", e);
        }
        while (namesSeen.contains(NEW_BRANCH_PREFIX + nextNumber)) {
            nextNumber++;
        }
        String name = NEW_BRANCH_PREFIX + nextNumber++;
        namesSeen.add(name);
        return name;
    }

    /** After a failed repetition the branch's state is unknown: a client connection wakes it (not timed). */
    private void ensureRunning() throws WakeFailure {
        if (!running) {
            try {
                FirstRow.time(branches.target(), branches.route(branch));
                running = true;
            } catch (SQLException e) {
                throw WakeFailure.of("prepare", e);
            }
        }
    }

    private long connect(String name) throws WakeFailure {
        try {
            return FirstRow.time(branches.target(), branches.route(name));
        } catch (SQLException e) {
            throw WakeFailure.of("connect", e);
        }
    }

    /** SHOW BRANCHES must say the last wake of {@code name} was {@code kind}. */
    private void check(String name, ResumeKind kind) throws WakeFailure {
        Optional<BranchRow> row;
        try {
            row = branches.admin().branch(name);
        } catch (SQLException e) {
            throw WakeFailure.of("check", e);
        }
        String said = row.map(BranchRow::lastResume).orElse(null);
        if (!kind.label().equals(said)) {
            throw new WakeFailure("check", "mismatch", "check: expected last_resume " + kind.label() + " for branch "
                    + name + ", SHOW BRANCHES says " + (row.isEmpty() ? "nothing (branch not listed)" : said));
        }
    }

    @Override
    public void close() {
        branches.close();
    }
}
