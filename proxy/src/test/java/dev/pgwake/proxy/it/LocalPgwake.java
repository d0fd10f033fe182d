package dev.pgwake.proxy.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwake.lifecycle.BranchInfo;
import dev.pgwake.lifecycle.BranchRecord;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.Branches;
import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.lifecycle.local.LocalDriver;
import dev.pgwake.lifecycle.local.OsUser;
import dev.pgwake.lifecycle.local.PostgresBinaries;
import dev.pgwake.proxy.testing.PostgresFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One pgwake with the local driver for a whole test class: a new data root under /tmp (branch {@code main} is
 * created there with initdb on first use, other branches from it), plus the YAML given (e.g. {@code lifecycle:}).
 * After the class, pgwake is closed, every server it started is stopped (found through the data root's
 * catalog, frozen ones thawed first) and the data root is deleted. Skips the class where PostgreSQL is not
 * installed. {@code @RegisterExtension static final LocalPgwake pgwake = new LocalPgwake("lifecycle: ...");}
 */
final class LocalPgwake implements BeforeAllCallback, AfterAllCallback {
    private final String yaml;
    private Path dataRoot;
    private Pgwake pgwake;

    LocalPgwake(String yaml) {
        this.yaml = yaml;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        assumeTrue(PostgresBinaries.locate().isPresent(), "no PostgreSQL server binaries on this machine");
        // The servers run as an unprivileged user when tests run as root: it must be able to enter the root.
        dataRoot = Files.createTempDirectory(Path.of("/tmp"), "pgwake-it-local-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        pgwake = Pgwake.startConfigured("driver:\n  kind: local\n  data_root: \"" + dataRoot + "\"\n" + yaml);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (pgwake != null) {
                pgwake.close();
                pgwake = null;
            }
        } finally {
            if (dataRoot != null) {
                stopServers();
                delete(dataRoot);
                dataRoot = null;
            }
        }
    }

    /** Stops what pgwake left running, through a driver of its own over the data root (pgwake's threads are gone). */
    private void stopServers() {
        Optional<PostgresBinaries> bins = PostgresBinaries.locate();
        if (bins.isEmpty() || !Files.isDirectory(dataRoot.resolve("branches"))) {
            return;
        }
        try (LocalDriver driver = new LocalDriver(dataRoot, bins.get(), OsUser.detect(), "main")) {
            List<BranchRecord> records = driver.catalog();
            for (BranchRecord record : records) {
                if (record.state() == BranchState.RUNNING || record.state() == BranchState.SUSPENDED) {
                    driver.stop(record.name());
                }
            }
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

    Branches branches() {
        return pgwake.branches();
    }

    int port() {
        return pgwake.port();
    }

    int httpPort() {
        return pgwake.httpPort();
    }

    /** pgjdbc through pgwake to {@code branch} (database postgres, the superuser, no TLS). */
    Connection connect(String branch) throws SQLException {
        return pgwake.connect(branch);
    }

    /** pgjdbc through pgwake with the given properties (see {@link Pgwake#branchProperties}). */
    Connection connect(java.util.Properties properties) throws SQLException {
        return pgwake.connect(properties);
    }

    /** pgjdbc straight to {@code branch}'s server, bypassing pgwake (it must be running). */
    Connection connectDirect(String branch) throws SQLException {
        Endpoint endpoint = info(branch).endpoint().orElseThrow(() -> new AssertionError(branch + " has no endpoint"));
        return DriverManager.getConnection("jdbc:postgresql://" + endpoint.host() + ":" + endpoint.port() + "/postgres",
                Pgwake.properties(PostgresFixture.SUPERUSER, null));
    }

    BranchInfo info(String branch) {
        return branches().info(branch).orElseThrow(() -> new AssertionError("pgwake does not know branch " + branch));
    }

    BranchState state(String branch) {
        return info(branch).state();
    }

    Path dataDir(String branch) {
        return dataRoot.resolve("branches").resolve(branch).resolve("data");
    }

    /** Lines of {@code branch}'s server log (data.log beside its data directory) that contain {@code text}. */
    long serverLogLines(String branch, String text) throws IOException {
        try (Stream<String> lines = Files.lines(dataDir(branch).resolveSibling("data.log"))) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    /** Logins of pgwake's own server connections (they send no application_name) seen in the branch's log. */
    long poolLogins(String branch) throws IOException {
        try (Stream<String> lines = Files.lines(dataDir(branch).resolveSibling("data.log"))) {
            return lines.filter(line -> line.endsWith("connection authorized: user=postgres database=postgres")).count();
        }
    }

    /** The branch's archive: {@code .tar.zst} where zstd is installed, else {@code .tar.gz}. */
    Path archive(String branch) {
        Path zstd = dataRoot.resolve("storage").resolve(branch + ".tar.zst");
        return Files.isRegularFile(zstd) ? zstd : dataRoot.resolve("storage").resolve(branch + ".tar.gz");
    }

    /**
     * The state letter in /proc of the branch's postmaster ('T' when stopped by a signal, i.e. frozen), or
     * empty when no postmaster.pid names a live process.
     */
    Optional<Character> postmasterState(String branch) throws IOException {
        Path pidFile = dataDir(branch).resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        String pid = Files.readAllLines(pidFile).get(0).strip();
        Path stat = Path.of("/proc", pid, "stat");
        if (!Files.exists(stat)) {
            return Optional.empty();
        }
        String text = Files.readString(stat);
        return Optional.of(text.charAt(text.lastIndexOf(')') + 2));
    }
}
