package dev.pgwake.loadtest.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgwake.loadtest.bench.BenchTable.RatioSpec;
import dev.pgwake.loadtest.bench.BenchTable.Row;
import dev.pgwake.loadtest.report.JsonReport;
import dev.pgwake.loadtest.report.RunReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTableTest {
    private static final String HEADER = "round\tworkload\tclients\ttarget\tstatus\ttps\tlatency_ms\ttransactions\tcpu_us\trss_bytes\treport\treason";

    private static List<BenchRun> parse(Path dir, String... lines) {
        List<String> all = new java.util.ArrayList<>();
        all.add("# written by compare.sh");
        all.add(HEADER);
        all.addAll(List.of(lines));
        return BenchRuns.parse(all, dir);
    }

    @Test
    void mediansPerTargetAndRatiosBetweenThem(@TempDir Path dir) {
        List<BenchRun> runs = parse(dir,
                "1\t-S -M simple\t16\tdirect\tok\t50000\t0.32\t500000\t-\t-\t-\t",
                "1\t-S -M simple\t16\tpgbouncer\tok\t40000\t0.40\t400000\t2800000\t5242880\t-\t",
                "1\t-S -M simple\t16\tpgwake\tok\t44000\t0.36\t440000\t2200000\t104857600\t-\t",
                "2\t-S -M simple\t16\tpgwake\tok\t46000\t0.35\t460000\t2300000\t104857600\t-\t",
                "2\t-S -M simple\t16\tdirect\tok\t54000\t0.30\t540000\t-\t-\t-\t",
                "2\t-S -M simple\t16\tpgbouncer\tok\t42000\t0.38\t420000\t3000000\t5242880\t-\t");
        BenchTable table = BenchTable.of(runs, List.of("direct", "pgbouncer", "pgwake"));
        assertEquals(1, table.rows().size());
        assertEquals(2, table.rounds());
        Row row = table.rows().get(0);
        assertEquals(List.of("direct", "pgbouncer", "pgwake"), row.cells().stream().map(BenchTable.Cell::target).toList());
        assertEquals(52_000, row.cell("direct").orElseThrow().median("tps").getAsDouble());
        assertEquals(45_000, row.cell("pgwake").orElseThrow().median("tps").getAsDouble());
        // pgbouncer: 2.8 s / 400k = 7 us, 3.0 s / 420k = 7.14 us
        assertEquals((7.0 + 3_000_000.0 / 420_000) / 2, row.cell("pgbouncer").orElseThrow().median("cpu_us_per_tx").getAsDouble(), 1e-9);
        assertEquals(45_000.0 / 41_000, BenchTable.ratio(row, RatioSpec.parse("pgwake/pgbouncer"), "tps").getAsDouble(), 1e-12);
        assertEquals(45_000.0 / 52_000, BenchTable.ratio(row, RatioSpec.parse("pgwake/direct"), "tps").getAsDouble(), 1e-12);
        assertTrue(BenchTable.ratio(row, RatioSpec.parse("pgwake/direct"), "cpu_us_per_tx").isEmpty(), "direct has no proxy CPU");

        String text = BenchTableText.render(table, List.of(RatioSpec.parse("pgwake/pgbouncer"), RatioSpec.parse("pgwake/direct")),
                Map.of("pgbouncer", "PgBouncer 1.18, transaction pool 20", "pgwake", "pgwake, SESSION mode"));
        assertTrue(text.contains("PgBouncer 1.18, transaction pool 20"));
        assertTrue(text.contains("TPS pgwake/pgbouncer"));
        assertTrue(text.contains("1.10x"), text);
        assertTrue(text.contains("0.87x"), text);
        assertTrue(text.contains("52,000"), text);
        assertTrue(text.contains("(+-4%)"), "direct: 50k..54k around 52k: " + text);
        assertTrue(text.contains("100.0"), "pgwake RSS in MiB: " + text);
    }

    @Test
    void failedRunsShowAsFailedWithTheirReason(@TempDir Path dir) {
        List<BenchRun> runs = parse(dir,
                "1\t-S -M prepared\t16\tdirect\tok\t90000\t0.17\t900000\t-\t-\t-\t",
                "1\t-S -M prepared\t16\tpgbouncer\tfailed\t-\t-\t-\t-\t-\t-\tERROR:  prepared statement \"P_0\" already exists",
                "2\t-S -M prepared\t16\tpgbouncer\tfailed\t-\t-\t-\t-\t-\t-\tERROR:  prepared statement \"P_0\" already exists",
                "1\t-S -M prepared\t16\tpgwake\tok\t80000\t0.2\t800000\t1000000\t-\t-\t",
                "2\t-S -M prepared\t16\tpgwake\tfailed\t-\t-\t-\t-\t-\t-\tpgbench timed out");
        BenchTable table = BenchTable.of(runs, List.of());
        assertEquals(List.of("pgbouncer: ERROR:  prepared statement \"P_0\" already exists", "pgwake: pgbench timed out"),
                table.footnotes(), "one footnote per distinct reason");
        Row row = table.rows().get(0);
        assertTrue(row.cell("pgbouncer").orElseThrow().allFailed());
        assertTrue(BenchTable.ratio(row, RatioSpec.parse("pgwake/pgbouncer"), "tps").isEmpty());
        String text = BenchTableText.render(table, List.of(RatioSpec.parse("pgwake/pgbouncer")), Map.of());
        assertTrue(text.contains("FAILED [1]"), text);
        assertTrue(text.contains("80,000 1/2 failed [2]"), text);
        assertTrue(text.contains("[1] pgbouncer: ERROR:  prepared statement \"P_0\" already exists"), text);
    }

    @Test
    void figuresComeFromLoadtestReportsAndIdleRunsGetTheirOwnTable(@TempDir Path dir) {
        RunReport idle = RunReport.builder("idle").figure("opened", "Opened", 1000, "").figure("failed", "Failed", 0, "")
                .figure("bytes_per_connection", "Per connection", 1047.5, "B")
                .figure("rss_after_bytes", "RSS after", 12.5 * (1 << 20), "B").build();
        new JsonReport().write(idle, dir.resolve("idle-pgbouncer.json"));
        List<BenchRun> runs = parse(dir, "1\tidle\t1000\tpgbouncer\tok\t-\t-\t-\t-\t-\tidle-pgbouncer.json\t");
        assertEquals(1047.5, runs.get(0).value("bytes_per_connection").getAsDouble());
        String text = BenchTableText.render(BenchTable.of(runs, List.of()), List.of(), Map.of());
        assertTrue(text.contains("idle connections"), text);
        assertTrue(text.contains("1,048"), "bytes per connection, rounded: " + text);
        assertTrue(text.contains("12.5"), "RSS after the hold in MiB: " + text);
    }

    @Test
    void stormRunsGetTheirOwnTableAndIdleRunsTheirMemoryWithChildren(@TempDir Path dir) {
        RunReport storm = RunReport.builder("storm").figure("answered", "Answered", 1000, "")
                .figure("errors", "Errors", 0, "").figure("resumes", "Resumes", 1, "")
                .figure("first_row_p50_ms", "p50", 12.5, "ms").figure("first_row_p95_ms", "p95", 40, "ms")
                .figure("latency_p99_ms", "p99", 55, "ms").figure("first_row_max_ms", "max", 61, "ms").build();
        new JsonReport().write(storm, dir.resolve("storm.json"));
        RunReport idle = RunReport.builder("idle").figure("opened", "Opened", 200, "")
                .figure("tree_bytes_per_connection", "With children", 2_400_000, "B").build();
        new JsonReport().write(idle, dir.resolve("idle-direct.json"));
        List<BenchRun> runs = parse(dir, "1	storm hot	1000	pgwake	ok	-	-	-	-	-	storm.json	",
                "1	idle	200	direct	ok	-	-	-	-	-	idle-direct.json	");
        String text = BenchTableText.render(BenchTable.of(runs, List.of()), List.of(), Map.of());
        String stormTable = text.substring(text.indexOf("storm  "));
        assertTrue(stormTable.contains("resumes"), text);
        assertTrue(stormTable.matches("(?s).*storm hot +1000 +pgwake +1,000 +0 +1 +12\\.5 +40\\.0 +55\\.0 +61\\.0.*"), text);
        assertTrue(text.contains("2,400,000"), "PSS with children per connection: " + text);
        assertFalse(text.substring(0, text.indexOf("idle connections")).contains("storm hot"), "not among the load rows");
    }

    @Test
    void badLinesAreRefusedWithTheirLineNumber(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse(dir, "1\tx\t16\tdirect\tmaybe\t1\t1\t1\t-\t-\t-\t"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse(dir, "1\tx\t16\tdirect\tok"));
        assertThrows(IllegalArgumentException.class, () -> parse(dir, "1\tx\tmany\tdirect\tok\t1\t1\t1\t-\t-\t-\t"));
        assertThrows(IllegalArgumentException.class, () -> BenchRuns.parse(List.of("workload\tclients"), dir));
        assertThrows(IllegalArgumentException.class, () -> RatioSpec.parse("pgwake"));
    }
}
