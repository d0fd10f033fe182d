package dev.pgwake.loadtest.oltp;

import dev.pgwake.loadtest.run.ClosedLoop;
import dev.pgwake.loadtest.scenario.Target;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** One virtual client of the {@code oltp} scenario: its connection, its statements, pgbench's transactions. */
final class OltpClient implements ClosedLoop.Client {
    private static final String SELECT = "SELECT abalance FROM pgbench_accounts WHERE aid = ?";
    private static final String UPDATE_ACCOUNT = "UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?";
    private static final String UPDATE_TELLER = "UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?";
    private static final String UPDATE_BRANCH = "UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?";
    private static final String INSERT_HISTORY =
            "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)";

    private final Target target;
    private final Map<String, String> properties;
    private final Mix mix;
    private final int scale;

    private Connection connection;
    private PreparedStatement select;
    private PreparedStatement updateAccount;
    private PreparedStatement updateTeller;
    private PreparedStatement updateBranch;
    private PreparedStatement insertHistory;

    OltpClient(Target target, Map<String, String> properties, Mix mix, int scale) {
        this.target = target;
        this.properties = properties;
        this.mix = mix;
        this.scale = scale;
    }

    @Override
    public void connect() throws SQLException {
        connection = target.connect(properties);
        connection.setAutoCommit(mix == Mix.READ_ONLY);
        select = connection.prepareStatement(SELECT);
        if (mix == Mix.READ_WRITE) {
            updateAccount = connection.prepareStatement(UPDATE_ACCOUNT);
            updateTeller = connection.prepareStatement(UPDATE_TELLER);
            updateBranch = connection.prepareStatement(UPDATE_BRANCH);
            insertHistory = connection.prepareStatement(INSERT_HISTORY);
        }
    }

    @Override
    public void transaction() throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int aid = random.nextInt(1, OltpSchema.ACCOUNTS_PER_BRANCH * scale + 1);
        if (mix == Mix.READ_ONLY) {
            selectBalance(aid);
            return;
        }
        int bid = random.nextInt(1, scale + 1);
        int tid = random.nextInt(1, OltpSchema.TELLERS_PER_BRANCH * scale + 1);
        int delta = random.nextInt(-5000, 5001);
        try {
            update(updateAccount, delta, aid);
            selectBalance(aid);
            update(updateTeller, delta, tid);
            update(updateBranch, delta, bid);
            insertHistory.setInt(1, tid);
            insertHistory.setInt(2, bid);
            insertHistory.setInt(3, aid);
            insertHistory.setInt(4, delta);
            insertHistory.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw e;
        }
    }

    private void selectBalance(int aid) throws SQLException {
        select.setInt(1, aid);
        try (ResultSet r = select.executeQuery()) {
            if (!r.next()) {
                throw new SQLException("no pgbench_accounts row with aid " + aid + " (tables smaller than scale " + scale + "?)", "P0002");
            }
            r.getInt(1);
        }
    }

    private static void update(PreparedStatement statement, int delta, int key) throws SQLException {
        statement.setInt(1, delta);
        statement.setInt(2, key);
        statement.executeUpdate();
    }

    private void rollbackQuietly(SQLException cause) {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public boolean broken() {
        try {
            return connection == null || connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a broken connection: nothing left to do
            }
            connection = null;
        }
    }
}
