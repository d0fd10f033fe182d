package dev.pgwake.loadtest.oltp;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * pgbench's four tables, created the way {@code pgbench -i} creates them (same columns, fill factor and
 * keys), filled on the server with {@code generate_series}, or found already there.
 */
public final class OltpSchema {
    /** Rows of pgbench_accounts per unit of scale, as in pgbench. */
    public static final int ACCOUNTS_PER_BRANCH = 100_000;
    public static final int TELLERS_PER_BRANCH = 10;

    private OltpSchema() {
    }

    /** Drops and recreates the tables at {@code scale}; returns the scale. Runs in autocommit mode. */
    public static int create(Connection c, int scale, PrintStream progress) throws SQLException {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, not " + scale);
        }
        long t0 = System.nanoTime();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS pgbench_accounts, pgbench_branches, pgbench_history, pgbench_tellers");
            s.execute("CREATE TABLE pgbench_history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22))");
            s.execute("CREATE TABLE pgbench_tellers (tid int NOT NULL, bid int, tbalance int, filler char(84)) WITH (fillfactor=100)");
            s.execute("CREATE TABLE pgbench_accounts (aid int NOT NULL, bid int, abalance int, filler char(84)) WITH (fillfactor=100)");
            s.execute("CREATE TABLE pgbench_branches (bid int NOT NULL, bbalance int, filler char(88)) WITH (fillfactor=100)");
            s.execute("INSERT INTO pgbench_branches (bid, bbalance) SELECT b, 0 FROM generate_series(1, " + scale + ") b");
            s.execute(String.format(Locale.ROOT, "INSERT INTO pgbench_tellers (tid, bid, tbalance) "
                    + "SELECT t, (t - 1) / %d + 1, 0 FROM generate_series(1, %d) t", TELLERS_PER_BRANCH, TELLERS_PER_BRANCH * scale));
            s.execute(String.format(Locale.ROOT, "INSERT INTO pgbench_accounts (aid, bid, abalance, filler) "
                    + "SELECT a, (a - 1) / %d + 1, 0, '' FROM generate_series(1, %d) a", ACCOUNTS_PER_BRANCH, (long) ACCOUNTS_PER_BRANCH * scale));
            s.execute("ALTER TABLE pgbench_branches ADD PRIMARY KEY (bid)");
            s.execute("ALTER TABLE pgbench_tellers ADD PRIMARY KEY (tid)");
            s.execute("ALTER TABLE pgbench_accounts ADD PRIMARY KEY (aid)");
            s.execute("VACUUM ANALYZE pgbench_branches, pgbench_tellers, pgbench_accounts, pgbench_history");
        }
        if (progress != null) {
            progress.printf(Locale.ROOT, "oltp: created pgbench tables at scale %d (%,d accounts) in %.1fs%n", scale,
                    (long) ACCOUNTS_PER_BRANCH * scale, (System.nanoTime() - t0) / 1e9);
        }
        return scale;
    }

    /**
     * The scale of existing pgbench tables (rows in pgbench_branches, as pgbench reads it), or -1 when they
     * are not there.
     */
    public static int existingScale(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FILTER (WHERE table_name IN "
                     + "('pgbench_accounts', 'pgbench_branches', 'pgbench_tellers', 'pgbench_history')) "
                     + "FROM information_schema.tables WHERE table_schema = current_schema()")) {
            r.next();
            if (r.getInt(1) < 4) {
                return -1;
            }
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM pgbench_branches")) {
            r.next();
            return r.getInt(1);
        }
    }
}
