package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.LifecycleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of PostgreSQL server programs ({@code initdb}, {@code pg_ctl}, {@code postgres}, ...).
 * Found from an explicit path, else {@code pg_config --bindir}, else the newest {@code
 * /usr/lib/postgresql/<version>/bin} (Debian and Ubuntu layout). Thread-safe.
 */
public final class PostgresBinaries {

  private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
  private static final Duration PROGRAM_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

  private final Path binDir;
  private volatile int majorVersion;

  private PostgresBinaries(Path binDir) {
    this.binDir = binDir;
  }

  /**
   * The programs in {@code binDir}.
   *
   * @throws LifecycleException if {@code binDir} holds no {@code postgres} program
   */
  public static PostgresBinaries at(Path binDir) {
    Objects.requireNonNull(binDir, "binDir");
    Path dir = binDir.toAbsolutePath().normalize();
    if (!hasServer(dir)) {
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR,
          "no PostgreSQL server programs (postgres, initdb) in " + dir);
    }
    return new PostgresBinaries(dir);
  }

  /** The explicit directory if given, else {@link #locate()}; fails when nothing is found. */
  public static PostgresBinaries discover(Optional<Path> explicitBinDir) {
    if (explicitBinDir.isPresent()) {
      return at(explicitBinDir.get());
    }
    return locate().orElseThrow(() -> new LifecycleException(CommandRunner.SYSTEM_ERROR,
        "cannot find PostgreSQL server programs: no pg_config on PATH pointing at them and nothing"
            + " under " + DEBIAN_ROOT + "/<version>/bin; install PostgreSQL or give its bin directory"));
  }

  /** {@link #discover(Optional)} with no explicit directory. */
  public static PostgresBinaries discover() {
    return discover(Optional.empty());
  }

  /** {@code pg_config --bindir} if that directory holds the server, else the newest Debian layout. */
  public static Optional<PostgresBinaries> locate() {
    return fromPgConfig().or(PostgresBinaries::newestUnderDebianRoot).map(PostgresBinaries::new);
  }

  public Path binDir() {
    return binDir;
  }

  /** The program {@code name} in this directory, if present and executable. */
  public Optional<Path> find(String name) {
    Path program = binDir.resolve(name);
    return Files.isRegularFile(program) && Files.isExecutable(program)
        ? Optional.of(program) : Optional.empty();
  }

  public Path initdb() {
    return require("initdb");
  }

  public Path pgCtl() {
    return require("pg_ctl");
  }

  public Path postgres() {
    return require("postgres");
  }

  public Path psql() {
    return require("psql");
  }

  public Path pgBasebackup() {
    return require("pg_basebackup");
  }

  public Path pgbench() {
    return require("pgbench");
  }

  /** Major version from {@code postgres --version}, e.g. 15; run once, then remembered. */
  public int majorVersion() {
    int known = majorVersion;
    if (known == 0) {
      known = readMajorVersion();
      majorVersion = known;
    }
    return known;
  }

  @Override
  public String toString() {
    return "PostgresBinaries[" + binDir + "]";
  }

  private int readMajorVersion() {
    ProcessBuilder builder = new ProcessBuilder(postgres().toString(), "--version");
    CommandRunner.Result result = CommandRunner.run(builder, PROGRAM_TIMEOUT);
    Matcher m = VERSION.matcher(result.stdout());
    if (!result.succeeded() || !m.find()) {
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR,
          "cannot read the version of " + postgres() + ": " + result.output());
    }
    return Integer.parseInt(m.group(1));
  }

  private Path require(String name) {
    return find(name).orElseThrow(() -> new LifecycleException(CommandRunner.SYSTEM_ERROR,
        "no " + name + " in " + binDir + " (the package that provides it may be missing)"));
  }

  private static boolean hasServer(Path dir) {
    return Files.isExecutable(dir.resolve("postgres")) && Files.isExecutable(dir.resolve("initdb"));
  }

  private static Optional<Path> fromPgConfig() {
    try {
      CommandRunner.Result result =
          CommandRunner.run(new ProcessBuilder("pg_config", "--bindir"), PROGRAM_TIMEOUT);
      if (!result.succeeded() || result.stdout().isBlank()) {
        return Optional.empty();
      }
      // libpq's pg_config may answer /usr/bin, which holds clients but no server.
      Path dir = Path.of(result.stdout().strip());
      return hasServer(dir) ? Optional.of(dir) : Optional.empty();
    } catch (LifecycleException notOnPath) {
      return Optional.empty();
    }
  }

  private static Optional<Path> newestUnderDebianRoot() {
    if (!Files.isDirectory(DEBIAN_ROOT)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
      return versions
          .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)*"))
          .map(v -> v.resolve("bin"))
          .filter(PostgresBinaries::hasServer)
          .max(Comparator.comparing(bin -> versionOf(bin.getParent()), PostgresBinaries::compareVersions));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int[] versionOf(Path versionDir) {
    return Arrays.stream(versionDir.getFileName().toString().split("\\."))
        .mapToInt(Integer::parseInt).toArray();
  }

  /** Numeric, part by part: 9.6 &lt; 10 &lt; 15 &lt; 17. */
  static int compareVersions(int[] a, int[] b) {
    return Arrays.compare(a, b);
  }
}
