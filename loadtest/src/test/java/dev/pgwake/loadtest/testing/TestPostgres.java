package dev.pgwake.loadtest.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL 15 server for loadtest's tests: initdb into a fresh directory under /tmp, fsync
 * off, listening on 127.0.0.1 on a port below the ephemeral range, trusting every connection. As root it
 * runs as the {@code postgres} user (initdb through {@code runuser}, the server through {@code setpriv}
 * so that the process this fixture holds is the postmaster itself). {@link #close()} stops it and deletes
 * the directory; a shutdown hook does the same if a test forgets.
 *
 * <p>{@link #start()} skips the calling test (an assumption) when the PostgreSQL binaries are not installed;
 * any other failure to start is a test failure.
 */
public final class TestPostgres implements AutoCloseable {
    /** Where Debian puts PostgreSQL 15; override with -Dloadtest.pg.bin=DIR. */
    static final Path BIN = Path.of(System.getProperty("loadtest.pg.bin", "/usr/lib/postgresql/15/bin"));
    private static final String OS_USER = "postgres";
    private static final long START_TIMEOUT_MS = 30_000;
    private static final long STOP_TIMEOUT_MS = 30_000;

    private final Path dir;
    private final int port;
    private final Process postmaster;
    private final Thread shutdownHook;

    private TestPostgres(Path dir, int port, Process postmaster) {
        this.dir = dir;
        this.port = port;
        this.postmaster = postmaster;
        this.shutdownHook = new Thread(this::stopQuietly, "stop-" + dir.getFileName());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static TestPostgres start() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("postgres")),
                "no PostgreSQL binaries in " + BIN);
        boolean root = isRoot();
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "loadtest-pg-");
        if (root) {
            UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
            Files.setOwner(dir, owner);
        }
        Path data = dir.resolve("data");
        run(asUser(root, "runuser", List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")), dir.resolve("initdb.log"));
        int port = FreePorts.next();
        Files.writeString(data.resolve("postgresql.auto.conf"), String.join("\n",
                "port = " + port, "listen_addresses = '127.0.0.1'", "unix_socket_directories = '" + dir + "'",
                "fsync = off", "synchronous_commit = off", "full_page_writes = off", "max_connections = 60",
                "shared_buffers = 32MB", ""));
        ProcessBuilder pb = new ProcessBuilder(asUser(root, "setpriv",
                List.of(BIN.resolve("postgres").toString(), "-D", data.toString())));
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        TestPostgres server = new TestPostgres(dir, port, pb.start());
        try {
            server.awaitReady();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?sslmode=disable";
    }

    public Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(jdbcUrl(), p);
    }

    public long pid() {
        return postmaster.pid();
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        SQLException last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!postmaster.isAlive()) {
                throw new IOException("PostgreSQL exited at start with " + postmaster.exitValue() + "; log: "
                        + Files.readString(dir.resolve("server.log")));
            }
            try {
                connect().close();
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(50);
            }
        }
        throw new IOException("PostgreSQL did not accept connections within " + START_TIMEOUT_MS + " ms: " + last);
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs stop() again, harmlessly
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() throws InterruptedException {
        if (postmaster.isAlive()) {
            postmaster.destroy(); // SIGTERM: smart shutdown
            if (!postmaster.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                postmaster.destroyForcibly();
                postmaster.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        }
        delete(dir);
    }

    private static List<String> asUser(boolean root, String how, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(how.equals("runuser")
                ? List.of("runuser", "-u", OS_USER, "--")
                : List.of("setpriv", "--reuid=" + OS_USER, "--regid=" + OS_USER, "--init-groups"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish within 120 s: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with " + p.exitValue() + ": " + Files.readString(log));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void delete(Path dir) {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
