package dev.pgwake.loadtest.branch;

import dev.pgwake.loadtest.scenario.Target;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * pgwake's admin console, the virtual database {@value #DATABASE} on pgwake's own port, reached over pgjdbc
 * in simple query mode: SUSPEND/STOP/ARCHIVE/RESUME/DROP BRANCH (each returns when done) and SHOW BRANCHES.
 * One connection, opened again after it broke; used by one thread at a time. Branch names go into commands as they are, so only names
 * pgwake accepts ({@link #checkBranchName}) are allowed.
 */
public final class AdminConsole implements AutoCloseable {
    public static final String DATABASE = "pgwake";
    private static final Pattern BRANCH_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Map<String, String> SIMPLE = Map.of("preferQueryMode", "simple");

    private final Target target;
    private Connection connection;

    public AdminConsole(Target target) {
        this.target = target;
    }

    /** {@code name} if pgwake accepts it as a branch name (lower-case letters, digits, '_', '-'), else an exception. */
    public static String checkBranchName(String name) {
        if (name == null || !BRANCH_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a branch name: lower-case letters, digits, '_' "
                    + "and '-', starting with a letter or digit, at most 63 characters");
        }
        return name;
    }

    public Target target() {
        return target;
    }

    /** Runs one command, e.g. {@code SUSPEND BRANCH main}, and returns when pgwake says it is done. */
    public void execute(String command) throws SQLException {
        try (Statement s = connection().createStatement()) {
            s.execute(command);
        } catch (SQLException e) {
            dropIfBroken(e);
            throw e;
        }
    }

    /** Every branch SHOW BRANCHES lists. */
    public List<BranchRow> branches() throws SQLException {
        List<BranchRow> rows = new ArrayList<>();
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("SHOW BRANCHES")) {
            while (rs.next()) {
                rows.add(new BranchRow(rs.getString("name"), rs.getString("state"), rs.getString("last_resume")));
            }
        } catch (SQLException e) {
            dropIfBroken(e);
            throw e;
        }
        return rows;
    }

    public Optional<BranchRow> branch(String name) throws SQLException {
        return branches().stream().filter(b -> name.equals(b.name())).findFirst();
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = target.connect(SIMPLE);
            connection.setAutoCommit(true);
        }
        return connection;
    }

    /** After a connection failure (SQLSTATE class 08) the next command opens a new connection. */
    private void dropIfBroken(SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
            close();
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection: nothing left to release
            }
            connection = null;
        }
    }
}
