package dev.pgwake.loadtest.wake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwake.loadtest.branch.ResumeKind;
import dev.pgwake.loadtest.process.ProcessProbe;
import dev.pgwake.loadtest.report.Comparison;
import dev.pgwake.loadtest.report.ComparisonRow;
import dev.pgwake.loadtest.report.ComparisonText;
import dev.pgwake.loadtest.report.Repetitions;
import dev.pgwake.loadtest.scenario.SelectOne;
import dev.pgwake.loadtest.scenario.Target;
import dev.pgwake.loadtest.stats.RepeatedLatencies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bare operations against a real PostgreSQL 15 (skipped when its programs are not installed): a
 * throwaway cluster, every kind twice, each timed to a real first row; freezing really stops every process
 * of the server; closing leaves no server and no directory behind.
 */
@Timeout(180)
class BareSideSmokeTest {
    private static final Path BIN = Path.of(System.getProperty("loadtest.pg.bin", "/usr/lib/postgresql/15/bin"));
    private static final int REPEAT = 2;

    private Path parent;
    private BareCluster cluster;
    private BareSide side;
    private Target target;

    @BeforeEach
    void createCluster() throws Exception {
        BareSettings settings = new BareSettings(Path.of("/tmp"), BIN, "postgres");
        assumeTrue(settings.missingProgram().isEmpty(), "PostgreSQL programs: " + settings.missingProgram().orElse(""));
        // a directory the postgres user can traverse, as --bare-data-dir must be
        parent = Files.createTempDirectory(Path.of("/tmp"), "wake-smoke-");
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        cluster = BareCluster.create(new BareSettings(parent, BIN, "postgres"));
        target = new Target(WakeUrls.bare("jdbc:postgresql://127.0.0.1:6432/postgres?sslmode=disable&options=--branch%3Dmain",
                cluster.port()), "postgres", null);
        side = new BareSide(cluster, target);
    }

    @AfterEach
    void removeEverything() throws Exception {
        if (side != null) {
            side.close();
        }
        if (parent != null && Files.exists(parent)) {
            try (Stream<Path> tree = Files.walk(parent)) {
                for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void everyKindTwiceGivesTwoFirstRowsEachAndCleansUp() throws Exception {
        assertTrue(side.open().startsWith("15"), "server_version of the bare cluster");
        List<ComparisonRow> rows = new ArrayList<>();
        for (ResumeKind kind : ResumeKind.values()) {
            RepeatedLatencies measured = new RepeatedLatencies();
            for (int i = 0; i < REPEAT; i++) {
                long nanos = side.wake(kind);
                assertTrue(nanos > 0 && nanos < 60_000_000_000L, kind + " took " + nanos + " ns");
                measured.recordNanos(nanos);
                if (kind != ResumeKind.COLD) {
                    assertAnswers(kind); // a cold wake ran on a copy, stopped and removed at once
                }
            }
            assertEquals(REPEAT, measured.count(), kind + " repetitions");
            assertEquals(0, measured.errors());
            rows.add(ComparisonRow.of(kind.label(), Repetitions.of(measured), Repetitions.of(measured)));
        }
        try (Stream<Path> left = Files.list(cluster.root())) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith("cold-")), "cold copies removed");
        }
        String table = ComparisonText.render(new Comparison("bare smoke", "", "kind", "bare", "bare", rows));
        assertTrue(table.contains("hot") && table.contains("warm") && table.contains("cold"), table);
        System.out.print(table);

        Path root = cluster.root();
        side.close();
        side = null;
        assertFalse(Files.exists(root), "the cluster's directory is removed on close");
        assertRefused();
    }

    @Test
    void freezingStopsThePostmasterAndEveryChildAndThawingAnswersAgain() throws Exception {
        Process server = cluster.start(cluster.data());
        try {
            FirstRow.poll(System.nanoTime(), target, Map.of(), Duration.ofMillis(2), Duration.ofSeconds(60), server::isAlive);
            FrozenTree frozen = FrozenTree.freeze(server.pid(), BareCluster.FREEZE_TIMEOUT);
            try {
                assertTrue(frozen.size() >= 4, "postmaster and its background processes: " + frozen.size());
                assertEquals('T', new ProcessProbe(server.pid()).state(), "postmaster stopped");
                // a backend that exited just before is a zombie until the (frozen) postmaster reaps it
                server.descendants().forEach(d -> assertTrue("TZ".indexOf(new ProcessProbe(d.pid()).state()) >= 0,
                        "child " + d.pid() + " stopped"));
                SQLException frozenOut = assertThrows(SQLException.class, () -> {
                    try (Connection c = target.connect(Map.of("socketTimeout", "1", "loginTimeout", "1"))) {
                        SelectOne.run(c);
                    }
                }, "a frozen server does not answer");
                assertNotNull(frozenOut.getMessage());
            } finally {
                frozen.thaw(BareCluster.FREEZE_TIMEOUT);
            }
            assertAnswers(ResumeKind.HOT);
        } finally {
            cluster.stop(cluster.data(), server);
        }
        assertFalse(server.isAlive(), "stopped");
    }

    private void assertAnswers(ResumeKind after) {
        try (Connection c = target.connect(Map.of())) {
            SelectOne.run(c);
        } catch (SQLException e) {
            throw new AssertionError("the bare server does not answer after a " + after + " wake", e);
        }
    }

    private void assertRefused() {
        try (Connection c = target.connect(Map.of())) {
            throw new AssertionError("a server still answers on port " + cluster.port());
        } catch (SQLException expected) {
            assertEquals("08001", expected.getSQLState(), expected.getMessage());
        }
    }
}
