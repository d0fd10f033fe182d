package dev.pgwake.loadtest.fleet;

import dev.pgwake.loadtest.branch.AdminConsole;
import dev.pgwake.loadtest.branch.BranchRow;
import dev.pgwake.loadtest.run.ErrorTally;
import dev.pgwake.loadtest.scenario.ScenarioException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The fleet's branches on pgwake: created from the parent through the console when missing, dropped on request. */
final class FleetBranches {
    private final AdminConsole admin;
    private final List<String> created = new ArrayList<>();
    private double creationSeconds;

    FleetBranches(AdminConsole admin) {
        this.admin = admin;
    }

    /** Creates those of {@code names} SHOW BRANCHES does not list: {@code CREATE BRANCH name FROM parent}, one by one. */
    void ensure(List<String> names, String parent, PrintStream progress) throws ScenarioException {
        Set<String> existing;
        try {
            existing = admin.branches().stream().map(BranchRow::name).collect(Collectors.toSet());
        } catch (SQLException e) {
            throw new ScenarioException("cannot use pgwake's admin console at " + admin.target().redactedUrl()
                    + " (SHOW BRANCHES): " + e.getMessage() + ". Give --admin-url if it is elsewhere.", e);
        }
        if (!existing.contains(parent)) {
            throw new ScenarioException("pgwake's SHOW BRANCHES does not list the parent branch " + parent
                    + " (--parent): connect to it once, or name an existing one");
        }
        List<String> missing = names.stream().filter(n -> !existing.contains(n)).toList();
        long start = System.nanoTime();
        for (String name : missing) {
            try {
                admin.execute("CREATE BRANCH " + name + " FROM " + parent);
            } catch (SQLException e) {
                throw new ScenarioException("CREATE BRANCH " + name + " FROM " + parent + ": " + e.getMessage(), e);
            }
            created.add(name);
            if (progress != null) {
                progress.printf("fleet: created %s (%d/%d)%n", name, created.size(), missing.size());
            }
        }
        creationSeconds = (System.nanoTime() - start) / 1e9;
    }

    List<String> created() {
        return List.copyOf(created);
    }

    double creationSeconds() {
        return creationSeconds;
    }

    /** {@code DROP BRANCH name FORCE} for every branch this run created; failures are counted, not thrown. */
    void dropCreated(ErrorTally problems) {
        for (String name : created) {
            try {
                admin.execute("DROP BRANCH " + name + " FORCE");
            } catch (SQLException e) {
                problems.record("drop " + (e.getSQLState() == null ? "SQLException" : e.getSQLState()),
                        "DROP BRANCH " + name + " FORCE: " + e.getMessage());
            }
        }
    }
}
