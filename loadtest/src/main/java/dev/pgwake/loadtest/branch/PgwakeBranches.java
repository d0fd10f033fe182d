package dev.pgwake.loadtest.branch;

import dev.pgwake.loadtest.scenario.ScenarioException;
import dev.pgwake.loadtest.scenario.Target;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * Branches behind pgwake as a client reaches them: through {@code target}, the branch chosen with the startup
 * option {@code options=--branch=NAME} (unless the URL sets {@code options} itself, which then decides), and
 * through pgwake's admin console to list them and put them to sleep.
 */
public final class PgwakeBranches implements AutoCloseable {
    private final Target target;
    private final AdminConsole admin;

    public PgwakeBranches(Target target, AdminConsole admin) {
        this.target = target;
        this.admin = admin;
    }

    public Target target() {
        return target;
    }

    public AdminConsole admin() {
        return admin;
    }

    /** Whether the URL chooses the branch itself ({@code options} among its parameters). */
    public boolean urlChoosesBranch() {
        return target.urlParameters().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("options"));
    }

    /** Connection properties that reach {@code branch}: {@code options=--branch=NAME}, or none when the URL chooses. */
    public Map<String, String> route(String branch) {
        AdminConsole.checkBranchName(branch);
        return urlChoosesBranch() ? Map.of() : Map.of("options", "--branch=" + branch);
    }

    /** A new connection to {@code branch}. */
    public Connection connect(String branch) throws SQLException {
        return target.connect(route(branch));
    }

    /**
     * Checks that {@code branch} answers through pgwake (waking it if it sleeps) and that the admin console lists
     * it; returns the branch's server_version.
     */
    public String reach(String branch) throws ScenarioException {
        String version;
        try (Connection c = connect(branch); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            version = rs.getString(1);
        } catch (SQLException e) {
            throw new ScenarioException("cannot reach branch " + branch + " through " + target.redactedUrl() + ": "
                    + e.getMessage(), e);
        }
        Optional<BranchRow> row;
        try {
            row = admin.branch(branch);
        } catch (SQLException e) {
            throw new ScenarioException("cannot use pgwake's admin console at " + admin.target().redactedUrl()
                    + " (SHOW BRANCHES): " + e.getMessage() + ". Give --admin-url if it is elsewhere.", e);
        }
        if (row.isEmpty()) {
            throw new ScenarioException("pgwake's SHOW BRANCHES does not list branch " + branch
                    + " although a client reached it: is --url routed to --branch?");
        }
        return version;
    }

    /** Puts {@code branch} where {@code kind} resumes it from (SUSPEND, STOP or ARCHIVE BRANCH); returns when done. */
    public void sleep(String branch, ResumeKind kind) throws SQLException {
        String command = kind.sleepCommand(branch);
        try {
            admin.execute(command);
        } catch (SQLException e) {
            throw new SQLException(command + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
