package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.LifecycleException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local driver's catalog: one {@code branch.properties} per branch directory under {@code
 * <dataRoot>/branches/<name>/}, replaced atomically (write a temporary file, rename it over), so a
 * crash leaves the old entry or the new one, never half of one. Keys: {@code name}, {@code parent},
 * {@code created} (ISO-8601), {@code state}, {@code port}, {@code param.<name>} for each cached
 * ParameterStatus value, and the coordinator's compute account ({@link UsageKeys}: {@code
 * compute_seconds}, {@code wall_seconds}, {@code accounted_at}). A branch directory from the first
 * local driver (a {@code port} file, no properties) is read as a stopped branch. Callers serialise
 * writes per branch.
 */
final class BranchCatalog {

  static final String FILE = "branch.properties";
  /** Branch names are directory names here: the rule of the routing module, nothing that can escape. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final String LEGACY_PORT_FILE = "port";
  private static final String PARAM = "param.";

  private final Path branchesDir;

  BranchCatalog(Path dataRoot) {
    this.branchesDir = dataRoot.resolve("branches");
  }

  Path branchDir(String name) {
    return branchesDir.resolve(name);
  }

  Path dataDir(String name) {
    return branchDir(name).resolve("data");
  }

  static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }

  /** @throws LifecycleException 42602 (invalid_name) for a name that is not a valid branch name */
  static void checkName(String name) {
    if (!isValidName(name)) {
      throw new LifecycleException("42602", "invalid branch name \"" + name + "\": branch names are 1 to 63"
          + " characters of lower-case letters, digits, '-' and '_', starting with a letter or digit");
    }
  }

  /** True when the branch's data directory holds a cluster. */
  boolean hasData(String name) {
    return Files.isRegularFile(dataDir(name).resolve("PG_VERSION"));
  }

  void deleteData(String name) {
    deleteTree(dataDir(name));
  }

  /** Deletes the branch's directory: data, log and catalog entry. */
  void deleteBranchDir(String name) {
    deleteTree(branchDir(name));
  }

  void deleteBranchDirQuietly(String name) {
    try {
      deleteBranchDir(name);
    } catch (LifecycleException ignored) {
      // the failure that led here matters more
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
    } catch (IOException | UncheckedIOException e) {
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Every readable entry, by name. */
  List<CatalogEntry> readAll() {
    if (!Files.isDirectory(branchesDir)) {
      return List.of();
    }
    List<CatalogEntry> entries = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(branchesDir)) {
      dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted()
          .forEach(name -> read(name).ifPresent(entries::add));
    } catch (IOException e) {
      throw ClusterLayout.systemError("cannot list " + branchesDir, e);
    }
    return entries;
  }

  Optional<CatalogEntry> read(String name) {
    Path file = branchDir(name).resolve(FILE);
    if (!Files.exists(file)) {
      return readLegacy(name);
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
      Map<String, String> parameters = new HashMap<>();
      for (String key : p.stringPropertyNames()) {
        if (key.startsWith(PARAM)) {
          parameters.put(key.substring(PARAM.length()), p.getProperty(key));
        }
      }
      String parent = p.getProperty("parent", "");
      return Optional.of(new CatalogEntry(name, parent.isEmpty() ? Optional.empty() : Optional.of(parent),
          Instant.parse(p.getProperty("created")), BranchState.valueOf(p.getProperty("state").toUpperCase(Locale.ROOT)),
          Integer.parseInt(p.getProperty("port")), parameters, UsageKeys.read(p, file)));
    } catch (IOException | RuntimeException e) {
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "the catalog entry " + file
          + " is unreadable (" + e + "): repair or remove it", e);
    }
  }

  void write(CatalogEntry entry) {
    Properties p = new Properties();
    p.setProperty("name", entry.name());
    p.setProperty("parent", entry.parent().orElse(""));
    p.setProperty("created", entry.created().toString());
    p.setProperty("state", entry.state().label());
    p.setProperty("port", Integer.toString(entry.port()));
    entry.parameters().forEach((k, v) -> p.setProperty(PARAM + k, v));
    entry.usage().ifPresent(u -> UsageKeys.write(u, p));
    Path dir = branchDir(entry.name());
    Path temporary = dir.resolve(FILE + ".tmp");
    try {
      Files.createDirectories(dir);
      try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        p.store(out, "pgwake branch catalog entry");
      }
      Files.move(temporary, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw ClusterLayout.systemError("cannot write the catalog entry of branch " + entry.name(), e);
    }
  }

  private Optional<CatalogEntry> readLegacy(String name) {
    Path portFile = branchDir(name).resolve(LEGACY_PORT_FILE);
    Path version = dataDir(name).resolve("PG_VERSION");
    if (!Files.exists(portFile) || !Files.exists(version)) {
      return Optional.empty();
    }
    try {
      int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).strip());
      Instant created = Files.getLastModifiedTime(version).toInstant();
      return Optional.of(new CatalogEntry(name, Optional.empty(), created, BranchState.STOPPED, port, Map.of(),
          Optional.empty()));
    } catch (IOException | NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
