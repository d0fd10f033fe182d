package dev.pgwake.proxy.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temporary directory, listen only on a Unix
 * socket in that directory, stop and delete on close. As root (where PostgreSQL refuses to run) the
 * server runs as the {@code postgres} user through {@code runuser}.
 */
final class LocalPostgres implements AutoCloseable {

    private static final Path BIN_ROOT = Path.of("/usr/lib/postgresql");
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path bin;
    private final Path dir;

    private LocalPostgres(Path bin, Path dir) {
        this.bin = bin;
        this.dir = dir;
    }

    /** The newest installed PostgreSQL bin directory with initdb, if any. */
    static Optional<Path> findBin() {
        if (!Files.isDirectory(BIN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(BIN_ROOT)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Creates and starts a cluster whose pg_hba.conf is exactly {@code hbaLines}. */
    static LocalPostgres start(Path bin, String hbaLines) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("pgwake-auth-");
        if (ROOT) {
            UserPrincipal postgres = FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        LocalPostgres server = new LocalPostgres(bin, dir);
        try {
            server.run(bin.resolve("initdb"), "-N", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C",
                    "-D", server.data().toString());
            Files.writeString(server.data().resolve("pg_hba.conf"), hbaLines, StandardCharsets.UTF_8);
            server.run(bin.resolve("pg_ctl"), "-D", server.data().toString(), "-w", "-t", "30",
                    "-l", dir.resolve("log").toString(), "-o",
                    "-c listen_addresses='' -c unix_socket_directories='" + dir + "' -c fsync=off", "start");
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The Unix-domain socket to connect to. */
    Path socket() {
        return dir.resolve(".s.PGSQL.5432");
    }

    /** Runs SQL as the superuser through psql; returns its unaligned, tuples-only output. */
    String psql(String sql) throws IOException, InterruptedException {
        return run(bin.resolve("psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", dir.toString(),
                "-U", "postgres", "-d", "postgres", "-c", sql);
    }

    @Override
    public void close() throws IOException {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                run(bin.resolve("pg_ctl"), "-D", data().toString(), "-m", "immediate", "-w", "stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private String run(Path program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (ROOT) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(program.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(program.getFileName() + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IOException(program.getFileName() + " failed (" + process.exitValue() + "): " + output);
        }
        return output.strip();
    }
}
