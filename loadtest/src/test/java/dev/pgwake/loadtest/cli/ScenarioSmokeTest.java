package dev.pgwake.loadtest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.loadtest.report.Figure;
import dev.pgwake.loadtest.report.JsonReport;
import dev.pgwake.loadtest.report.RunReport;
import dev.pgwake.loadtest.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against a real PostgreSQL 15, started for this class: each scenario for a couple of
 * seconds, checking the run measured something, counted no errors, and wrote both reports. (Through pgwake
 * too would need the proxy's jar: that is bench/compare.sh's job, not a unit test's.)
 */
@Timeout(120)
class ScenarioSmokeTest {
    private static TestPostgres server;

    @TempDir
    Path out;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestPostgres.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private RunReport runOltp(String... extra) {
        Path json = out.resolve("oltp.json");
        Path html = out.resolve("oltp.html");
        String[] base = {"oltp", "--url", server.jdbcUrl(), "--user", "postgres", "--clients", "4", "--warmup", "0s",
                "--json", json.toString(), "--html", html.toString(), "--label", "smoke <direct>", "--quiet"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        int exit = Commands.commandLine().execute(args);
        assertEquals(ExitCodes.OK, exit, "exit code of oltp");
        assertTrue(Files.isRegularFile(html), "HTML report written");
        String page = read(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<svg") && page.contains("smoke &lt;direct&gt;"), "HTML report content");
        return new JsonReport().read(json);
    }

    @Test
    void oltpReadOnlySimpleInitialisesTablesAndMeasures() throws Exception {
        RunReport r = runOltp("--duration", "2s", "--init", "--scale", "1", "--mode", "simple", "--pid", Long.toString(server.pid()));
        assertTrue(value(r, "throughput_tps") > 0, "throughput");
        assertEquals(0, value(r, "errors"), "errors");
        assertEquals(0, r.totalErrors(), "error table: " + r.errors());
        assertTrue(value(r, "transactions") > 0);
        assertEquals((long) value(r, "transactions"), r.latencies().get(0).summary().count());
        assertTrue(r.measuredSeconds() >= 1.9 && r.measuredSeconds() < 30, "measured " + r.measuredSeconds());
        assertTrue(r.figure("process_rss_bytes").isPresent(), "the watched postmaster's RSS");
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pgbench_accounts")) {
            rs.next();
            assertEquals(100_000, rs.getLong(1), "scale 1 means 100,000 accounts");
        }
    }

    @Test
    void oltpReadWritePreparedCommitsTransactions() throws Exception {
        runOltp("--transactions", "10", "--init"); // make sure the tables exist, whatever ran before
        long before = historyRows();
        RunReport r = runOltp("--duration", "1s", "--mix", "read-write", "--mode", "prepared");
        assertEquals(0, r.totalErrors(), "errors: " + r.errors());
        long tx = (long) value(r, "transactions");
        assertTrue(tx > 0, "transactions");
        // every counted transaction inserted one history row; the tail of the run may add a few more
        assertTrue(historyRows() - before >= tx, "history rows " + (historyRows() - before) + " for " + tx + " transactions");
    }

    @Test
    void idleOpensHoldsAndChecksConnections(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("idle.json");
        Path html = dir.resolve("idle.html");
        int exit = Commands.commandLine().execute("idle", "--url", server.jdbcUrl(), "--user", "postgres",
                "--clients", "40", "--duration", "1s", "--pid", Long.toString(server.pid()), "--json", json.toString(),
                "--html", html.toString(), "--quiet");
        assertEquals(ExitCodes.OK, exit);
        RunReport r = new JsonReport().read(json);
        assertEquals(40, value(r, "opened"));
        assertEquals(0, value(r, "failed"));
        assertEquals(40, value(r, "alive_after_hold"));
        assertTrue(r.figure("bytes_per_connection").isPresent());
        assertEquals(40, r.latencies().get(0).summary().count(), "one connect latency per connection");
        assertTrue(read(html).contains("<svg"));
    }

    @Test
    void missingTablesIsReportedNotMeasured() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE empty_db");
        }
        String url = server.jdbcUrl().replace("/postgres?", "/empty_db?");
        int exit = Commands.commandLine().execute("oltp", "--url", url, "--user", "postgres", "--duration", "1s", "--quiet");
        assertEquals(ExitCodes.CANNOT_RUN, exit);
    }

    private static long historyRows() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pgbench_history")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double value(RunReport r, String key) {
        return r.figure(key).map(Figure::value).orElseThrow(() -> new AssertionError("no figure " + key + " in " + r.figures()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
