package dev.pgwake.loadtest.wake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The throwaway PostgreSQL cluster the bare operations run on: {@code initdb} into a fresh directory under
 * the given data directory, loopback only on a port below the ephemeral range, trust, and otherwise the settings
 * pgwake's local driver gives its branches (16MB shared buffers, 200 connections, durable: fsync on, WAL for
 * pg_basebackup), so that a bare start does the same work as a branch's. Servers are
 * started in the background as this JVM's children ({@code postgres -D}), so their exit is seen at once,
 * and stopped with {@code pg_ctl stop -m fast}. {@link #close()} stops whatever runs and deletes the
 * directory; a shutdown hook does the same if the run is interrupted.
 */
final class BareCluster implements AutoCloseable {
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    static final Duration FREEZE_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> SETTINGS = List.of("listen_addresses = '127.0.0.1'", "fsync = on",
            "shared_buffers = 16MB", "max_connections = 200", "wal_level = replica", "max_wal_senders = 10");

    private final BareSettings settings;
    private final OsCommands os;
    private final Path root;
    private final int port;
    private final Set<Process> servers = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook = new Thread(this::closeQuietly, "stop bare cluster");
    private volatile FrozenTree frozen;

    private BareCluster(BareSettings settings, OsCommands os, Path root, int port) {
        this.settings = settings;
        this.os = os;
        this.root = root;
        this.port = port;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** initdb and configuration (about a second); the server is not started. */
    static BareCluster create(BareSettings settings) throws IOException, InterruptedException {
        OsCommands os = new OsCommands(settings.user(), OsCommands.runningAsRoot());
        Files.createDirectories(settings.dataDir());
        Path root = Files.createTempDirectory(settings.dataDir(), "wake-bare-");
        if (os.switchesUser()) {
            Files.setOwner(root, root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(settings.user()));
        }
        BareCluster cluster = new BareCluster(settings, os, root, freePort());
        try {
            cluster.init();
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void init() throws IOException, InterruptedException {
        try {
            os.runAsUser(List.of(settings.bin().resolve("initdb").toString(), "-D", data().toString(), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--locale=C", "-N"), COMMAND_TIMEOUT);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + (os.switchesUser() ? " (user " + os.user() + " must be able to reach "
                    + root + ": every directory above it needs o+x)" : ""), e);
        }
        List<String> lines = new ArrayList<>(List.of("", "# pgwake-loadtest wake: bare cluster", "port = " + port,
                "unix_socket_directories = '" + root + "'"));
        lines.addAll(SETTINGS);
        Files.write(data().resolve("postgresql.conf"), lines, StandardOpenOption.APPEND);
    }

    Path root() {
        return root;
    }

    Path data() {
        return root.resolve("data");
    }

    int port() {
        return port;
    }

    String osUser() {
        return os.user();
    }

    /** The settings added to initdb's postgresql.conf, for the report. */
    static String describeSettings() {
        return String.join(", ", SETTINGS);
    }

    /** Starts {@code postgres -D dataDir} in the background, log beside the directory; does not wait. */
    Process start(Path dataDir) throws IOException {
        Process p = os.startAsUser(List.of(settings.bin().resolve("postgres").toString(), "-D", dataDir.toString()),
                dataDir.resolveSibling(dataDir.getFileName() + ".log"));
        servers.add(p);
        return p;
    }

    /** Fast shutdown ({@code pg_ctl stop -m fast}, not waiting), then waits for the process, which is ours. */
    void stop(Path dataDir, Process server) throws IOException, InterruptedException {
        thaw();
        try {
            if (server.isAlive()) {
                os.runAsUser(List.of(settings.bin().resolve("pg_ctl").toString(), "stop", "-D", dataDir.toString(),
                        "-m", "fast", "-W"), COMMAND_TIMEOUT);
            }
        } catch (IOException e) {
            if (server.isAlive()) {
                server.destroyForcibly();
                server.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                servers.remove(server);
                throw e;
            }
        }
        if (!server.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            server.destroyForcibly();
            throw new IOException("postgres on " + dataDir + " did not stop within " + STOP_TIMEOUT.toMillis() + " ms");
        }
        servers.remove(server);
    }

    /** SIGSTOP to the server on {@code data()} and all its processes, checked. */
    void freeze(Process server) throws IOException, InterruptedException {
        frozen = FrozenTree.freeze(server.pid(), FREEZE_TIMEOUT);
    }

    /** SIGCONT to what {@link #freeze} stopped, if anything; does not wait. */
    void thaw() throws IOException, InterruptedException {
        FrozenTree f = frozen;
        if (f != null) {
            frozen = null;
            f.thaw(FREEZE_TIMEOUT);
        }
    }

    /** {@code cp -a} of the (stopped) data directory to {@code name} beside it. */
    Path copyData(String name) throws IOException, InterruptedException {
        Path copy = root.resolve(name);
        OsCommands.run(List.of("cp", "-a", data().toString(), copy.toString()), COMMAND_TIMEOUT);
        return copy;
    }

    /** Deletes a copy made by {@link #copyData} and its log. */
    void delete(Path copy) {
        deleteTree(copy);
        deleteTree(copy.resolveSibling(copy.getFileName() + ".log"));
    }

    /** The last lines of a server's log, for messages. */
    String logTail(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolveSibling(dataDir.getFileName() + ".log"));
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        closeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and runs the hook itself, harmlessly
        }
    }

    /** Continues frozen processes, asks every server to stop (SIGTERM, then SIGKILL), deletes the directory. */
    private void closeQuietly() {
        try {
            thaw();
        } catch (IOException | InterruptedException e) {
            // the servers are stopped below regardless
        }
        for (Process p : servers) {
            p.destroy();
            try {
                if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        servers.clear();
        try {
            deleteTree(root);
        } catch (UncheckedIOException e) {
            System.err.println("wake: " + e.getMessage() + ": " + e.getCause().getMessage());
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }

    /** A port in 20000-32767 (below the ephemeral range) that nothing listens on right now. */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20_000, 32_768);
            try (ServerSocket s = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port found in 20000-32767");
    }
}
