package dev.pgwake.proxy.it.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwake.proxy.testing.PostgresFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pgbench (libpq) through a transaction pool of four server connections with eight clients, in each query mode:
 * simple, extended, and prepared (named statements that must follow every client across server connections).
 * The tables are made directly on the server ({@code pgbench -i -s 1}); the runs go through pgwake.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class PgbenchPoolingTest {
    private static final Path PGBENCH = Path.of("/usr/lib/postgresql/15/bin/pgbench");
    private static final String DATABASE = "pool_pgbench";
    private static final String USER = PostgresFixture.SUPERUSER;
    private static final int POOL_SIZE = 4;

    private static DirectServer server;
    private static PoolingPgwake pgwake;

    @TempDir
    static Path home;

    /** What one pgbench run left behind. */
    private record Run(List<String> arguments, int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "pgbench " + String.join(" ", arguments) + " exited " + exitCode + "\n--- stdout:\n" + stdout
                    + "--- stderr:\n" + stderr;
        }
    }

    @BeforeAll
    static void initialise() throws Exception {
        assumeTrue(Files.isExecutable(PGBENCH), PGBENCH + " is not installed");
        server = DirectServer.shared();
        server.createDatabase(DATABASE);
        Run init = pgbench(server.port(), "-i", "-s", "1", "-q");
        assertEquals(0, init.exitCode(), init.toString());
        pgwake = PoolingPgwake.start("pool:\n  pool_mode: transaction\n  pool_size: " + POOL_SIZE + "\n");
    }

    @AfterAll
    static void stop() {
        if (pgwake != null) {
            pgwake.close();
        }
    }

    @ParameterizedTest(name = "-M {0}")
    @ValueSource(strings = {"simple", "extended", "prepared"})
    void eightClientsRunTheirTransactionsWithoutErrors(String mode) throws Exception {
        Run run = pgbench(pgwake.port(), "-M", mode, "-c", "8", "-j", "2", "-t", "200");
        assertClean(run, 1600);
    }

    @Test
    void pgbenchNeverHoldsMoreServerBackendsThanThePoolSize() throws Exception {
        Run run;
        int peak;
        String observed;
        try (BackendPeak watch = BackendPeak.watch(server, DATABASE, USER)) {
            run = pgbench(pgwake.port(), "-M", "prepared", "-c", "8", "-j", "2", "-t", "100");
            peak = watch.peak();
            observed = watch.describe();
        }
        assertClean(run, 800);
        assertTrue(peak <= POOL_SIZE, "pgbench -c 8 through a pool of " + POOL_SIZE + ": " + observed);
    }

    private static void assertClean(Run run, int transactions) {
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("number of transactions actually processed: " + transactions + "/"
                + transactions + "\n"), run.toString());
        assertTrue(run.stdout().contains("number of failed transactions: 0 "), run.toString());
        assertFalse(run.stderr().toLowerCase(Locale.ROOT).contains("error"), run.toString());
        assertFalse(run.stdout().contains("ERROR"), run.toString());
    }

    /** Runs pgbench against {@code DATABASE} on 127.0.0.1:{@code port} as the superuser, at most 60 seconds. */
    private static Run pgbench(int port, String... arguments) throws IOException, InterruptedException, SQLException {
        List<String> command = new ArrayList<>(List.of(PGBENCH.toString()));
        command.addAll(List.of(arguments));
        command.add(DATABASE);
        Path stdout = Files.createTempFile(home, "pgbench-", ".out");
        Path stderr = Files.createTempFile(home, "pgbench-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PG") || name.startsWith("LC_"));
        env.putAll(Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(port), "PGUSER", USER,
                "PGSSLMODE", "disable", "PGGSSENCMODE", "disable", "PGCONNECT_TIMEOUT", "10",
                "LC_ALL", "C.UTF-8", "HOME", home.toString()));
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("pgbench " + String.join(" ", arguments) + " against port " + port + " did not finish within 60 s:\n"
                    + Files.readString(stdout, StandardCharsets.UTF_8) + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return new Run(List.of(arguments), process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
