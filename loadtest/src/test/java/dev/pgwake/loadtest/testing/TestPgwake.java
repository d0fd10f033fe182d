package dev.pgwake.loadtest.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real pgwake for loadtest's tests, run as a separate process from the proxy module's shaded jar
 * ({@code ../proxy/target/pgwake.jar}, or {@code -Dloadtest.pgwake.jar=FILE}): loadtest knows pgwake only from
 * outside, as a black box. The local driver keeps its branches under a fresh directory in /tmp; pgwake and its
 * HTTP listener get ports below the ephemeral range; the YAML given is added (e.g. {@code lifecycle:}).
 * {@link #close()} stops every branch through the admin console, stops pgwake, stops any server still running
 * under the directory (continuing frozen ones first) and deletes it.
 *
 * <p>{@link #start} skips the calling tests (an assumption) when the jar has not been built (a plain
 * {@code mvn test -pl loadtest} on a fresh tree; {@code mvn verify} from the root packages the proxy before
 * loadtest's tests run) or PostgreSQL's programs are missing; {@link #unavailable} says so beforehand, so that a
 * test class can skip each test with the reason (an assumption in {@code @BeforeAll} shows as no tests at all).
 */
public final class TestPgwake implements AutoCloseable {
    static final Path JAR = Path.of(System.getProperty("loadtest.pgwake.jar", "../proxy/target/pgwake.jar"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final int port;
    private final int httpPort;
    private final Process process;
    private final Thread shutdownHook;

    private TestPgwake(Path dir, int port, int httpPort, Process process) {
        this.dir = dir;
        this.port = port;
        this.httpPort = httpPort;
        this.process = process;
        this.shutdownHook = new Thread(this::stopQuietly, "stop-" + dir.getFileName());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Why no pgwake can be started here (the jar is not built, PostgreSQL is not installed), if so. */
    public static Optional<String> unavailable() {
        if (!Files.isRegularFile(JAR)) {
            return Optional.of("no pgwake jar at " + JAR.toAbsolutePath() + ": build it first (mvn -DskipTests package "
                    + "-pl proxy -am), or run mvn verify from the root, which packages the proxy before loadtest's tests");
        }
        if (!Files.isExecutable(TestPostgres.BIN.resolve("initdb"))) {
            return Optional.of("no PostgreSQL programs in " + TestPostgres.BIN);
        }
        return Optional.empty();
    }

    public static TestPgwake start(String yaml) throws IOException, InterruptedException {
        Optional<String> missing = unavailable();
        assumeTrue(missing.isEmpty(), missing.orElse(""));
        // the branch servers run as the postgres user when tests run as root: it must be able to enter the directory
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "loadtest-pgwake-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        int port = FreePorts.next();
        int httpPort = FreePorts.next();
        Files.writeString(dir.resolve("pgwake.yaml"), String.join("\n", "listen: 127.0.0.1:" + port,
                "tls:", "  mode: \"off\"", "http:", "  listen: 127.0.0.1:" + httpPort, "driver:", "  kind: local",
                "  data_root: \"" + dir.resolve("data") + "\"", "  bin_dir: \"" + TestPostgres.BIN + "\"", yaml, ""));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Dpgwake.log.level=info", "-jar",
                JAR.toAbsolutePath().toString(), "--config", dir.resolve("pgwake.yaml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("pgwake.log").toFile()).start();
        TestPgwake pgwake = new TestPgwake(dir, port, httpPort, p);
        try {
            pgwake.awaitReady();
        } catch (IOException | RuntimeException e) {
            pgwake.close();
            throw e;
        }
        return pgwake;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?sslmode=disable";
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public long pid() {
        return process.pid();
    }

    /** A connection to the admin console (simple query protocol). */
    public Connection admin() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("preferQueryMode", "simple");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "60");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/pgwake?sslmode=disable", p);
    }

    /** Branch names SHOW BRANCHES lists. */
    public List<String> branches() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW BRANCHES")) {
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
        }
        return names;
    }

    /** The last lines of pgwake's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("pgwake.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(httpUrl() + "/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IOException("pgwake exited at start with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("pgwake was not ready within " + START_TIMEOUT.toSeconds() + " s:\n" + logTail());
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs stopQuietly() again, harmlessly
        }
    }

    private void stopQuietly() {
        try {
            if (process.isAlive()) {
                stopBranches();
                process.destroy();
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            PostmasterSweep.stopAll(dir, STOP_TIMEOUT);
            delete(dir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + dir, e);
        }
    }

    /** STOP BRANCH for every branch, so pgwake stops (and first continues) its servers itself. */
    private void stopBranches() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String branch : branches()) {
                try {
                    s.execute("STOP BRANCH " + branch);
                } catch (SQLException e) {
                    // left to the sweep
                }
            }
        } catch (SQLException e) {
            // the console does not answer: the sweep stops what is left
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
