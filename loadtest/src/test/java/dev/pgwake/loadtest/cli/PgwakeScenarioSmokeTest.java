package dev.pgwake.loadtest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwake.loadtest.report.Figure;
import dev.pgwake.loadtest.report.JsonReport;
import dev.pgwake.loadtest.report.RunReport;
import dev.pgwake.loadtest.testing.TestPgwake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * storm and fleet from the command line against a real pgwake (the proxy's jar, run as a process with the local
 * driver and short lifecycle timers) for a few seconds each: they measure, count no errors, see the wakes pgwake
 * counted, and write both reports. Skipped when the jar has not been built.
 */
@Timeout(180)
class PgwakeScenarioSmokeTest {
    private static TestPgwake pgwake;

    @TempDir
    Path out;

    @BeforeAll
    static void startPgwake() throws Exception {
        if (TestPgwake.unavailable().isPresent()) {
            return; // each test is skipped with the reason
        }
        pgwake = TestPgwake.start(String.join("\n", "lifecycle:", "  idle_after: 300ms", "  suspend_after: 1s",
                "  stop_after: 4s"));
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        try (Connection c = DriverManager.getConnection(pgwake.jdbcUrl(), p); Statement s = c.createStatement()) {
            s.execute("select 1"); // creates branch main, the fleet's parent
        }
    }

    @AfterAll
    static void stopPgwake() {
        if (pgwake != null) {
            pgwake.close();
        }
    }

    @BeforeEach
    void requirePgwake() {
        assumeTrue(pgwake != null, TestPgwake.unavailable().orElse("pgwake did not start"));
    }

    private RunReport run(String scenario, String... extra) throws Exception {
        Path json = out.resolve(scenario + ".json");
        Path html = out.resolve(scenario + ".html");
        List<String> args = new java.util.ArrayList<>(List.of(scenario, "--url", pgwake.jdbcUrl(), "--user", "postgres",
                "--http-url", pgwake.httpUrl(), "--json", json.toString(), "--html", html.toString(), "--quiet"));
        args.addAll(List.of(extra));
        int exit = Commands.commandLine().execute(args.toArray(String[]::new));
        RunReport r = Files.exists(json) ? new JsonReport().read(json) : null;
        assertEquals(ExitCodes.OK, exit, scenario + " exit code; errors " + (r == null ? "(no report)" : r.errors())
                + "; pgwake log:\n" + pgwake.logTail());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<svg"), "HTML report");
        assertFalse(page.contains("src=\"http"), "nothing fetched");
        return r;
    }

    @Test
    void aStormOfFiftyClientsOnASuspendedBranchIsOneHotResume() throws Exception {
        RunReport r = run("storm", "--clients", "50", "--threads", "50", "--resume-kind", "hot", "--interval", "50ms");
        assertEquals(50, value(r, "answered"));
        assertEquals(0, value(r, "errors"));
        assertEquals(1, value(r, "resumes"), "every client joins one wake");
        assertEquals("hot", r.settings().get("last resume (SHOW BRANCHES)"));
        assertEquals(50, r.latencies().get(0).summary().count());
        assertTrue(value(r, "first_row_max_ms") >= value(r, "first_row_p50_ms"));
        assertEquals(1, r.timelines().size(), "clients during the storm");
    }

    @Test
    void aStormOnAStoppedBranchIsOneWarmResume() throws Exception {
        RunReport r = run("storm", "--clients", "20", "--threads", "10", "--resume-kind", "warm");
        assertEquals(20, value(r, "answered"));
        assertEquals(1, value(r, "resumes"));
        assertEquals("warm", r.settings().get("last resume (SHOW BRANCHES)"));
    }

    @Test
    void aFleetOfThreeBranchesSleepsAndWakesBetweenBursts() throws Exception {
        RunReport r = run("fleet", "--branches", "3", "--prefix", "smoke", "--burst", "3", "--silence-mean", "1500ms",
                "--duration", "8s", "--poll", "100ms", "--seed", "7", "--drop-created");
        double bursts = value(r, "bursts");
        assertTrue(bursts >= 3, "bursts: " + bursts);
        assertEquals(0, value(r, "errors"));
        assertEquals(3, value(r, "branches_created"));
        double classified = 0;
        double woken = 0;
        for (String kind : List.of("running", "idle", "hot", "warm", "cold", "unclear")) {
            double n = r.figure(kind + "_bursts").map(Figure::value).orElse(0.0);
            classified += n;
            woken += kind.equals("hot") || kind.equals("warm") || kind.equals("cold") ? n : 0;
        }
        assertEquals(bursts, classified, "every burst has a kind: " + r.figures());
        assertTrue(woken >= 1, "silences longer than suspend_after wake the branch: " + r.figures());
        double saved = value(r, "saved_pct");
        assertTrue(saved > 0 && saved < 100, "saved " + saved);
        assertTrue(value(r, "always_on_seconds") > value(r, "compute_seconds"));
        assertEquals(2, r.timelines().size(), "states and wakes");
        assertFalse(pgwake.branches().contains("smoke-1"), "--drop-created");
    }

    private static double value(RunReport r, String key) {
        return r.figure(key).map(Figure::value).orElseThrow(() -> new AssertionError("no figure " + key + " in " + r.figures()));
    }
}
