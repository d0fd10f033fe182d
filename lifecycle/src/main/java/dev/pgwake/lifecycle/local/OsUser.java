package dev.pgwake.lifecycle.local;

import dev.pgwake.lifecycle.LifecycleException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The operating-system user PostgreSQL programs run as. PostgreSQL refuses to run as root, so when the
 * JVM runs as root, programs are started through {@code setpriv --reuid --regid --init-groups} as an
 * unprivileged account (by default {@code postgres}) and the directories they use must be owned by it
 * ({@link #own(Path)}). Otherwise programs run directly as the JVM's own user. Immutable.
 */
public final class OsUser {

  /** The account used when the JVM runs as root and nobody chose another. */
  public static final String DEFAULT_USER_WHEN_ROOT = "postgres";
  private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

  private final Optional<Account> switchTo;

  private OsUser(Optional<Account> switchTo) {
    this.switchTo = switchTo;
  }

  /** Runs programs as {@value #DEFAULT_USER_WHEN_ROOT} when the JVM is root, else directly. */
  public static OsUser detect() {
    return detect(DEFAULT_USER_WHEN_ROOT);
  }

  /**
   * Runs programs as {@code userWhenRoot} when the JVM is root, else directly as the JVM's user.
   *
   * @throws LifecycleException if the JVM is root and {@code userWhenRoot} has no passwd entry
   */
  public static OsUser detect(String userWhenRoot) {
    Objects.requireNonNull(userWhenRoot, "userWhenRoot");
    if (!jvmIsRoot()) {
      return current();
    }
    Account account = Account.lookup(userWhenRoot, LOOKUP_TIMEOUT).orElseThrow(
        () -> new LifecycleException(CommandRunner.SYSTEM_ERROR, "PostgreSQL refuses to run as root "
            + "and there is no user \"" + userWhenRoot + "\" to run it as: create that user "
            + "(useradd --system " + userWhenRoot + ") or configure another one"));
    if (account.uid() == 0) {
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR,
          "PostgreSQL refuses to run as root: choose an unprivileged user, not " + userWhenRoot);
    }
    return new OsUser(Optional.of(account));
  }

  /** Runs programs directly as the JVM's own user (which must not be root for the server). */
  public static OsUser current() {
    return new OsUser(Optional.empty());
  }

  /** True when programs are started as another user than the JVM's. */
  public boolean switchesUser() {
    return switchTo.isPresent();
  }

  /** Name of the user programs run as. */
  public String name() {
    return switchTo.map(Account::name).orElseGet(() -> System.getProperty("user.name"));
  }

  /**
   * Makes {@code path} and everything under it owned by this user (and its login group), like
   * {@code chown -R user: path}. Does nothing when programs run as the JVM's own user.
   */
  public void own(Path path) {
    if (switchTo.isEmpty()) {
      return;
    }
    Account account = switchTo.get();
    try (Stream<Path> tree = Files.walk(path)) {
      for (Path p : (Iterable<Path>) tree::iterator) {
        Files.setAttribute(p, "unix:uid", account.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", account.gid(), LinkOption.NOFOLLOW_LINKS);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new LifecycleException(CommandRunner.SYSTEM_ERROR,
          "cannot give " + path + " to user " + account.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fails with a message a person can act on when this user cannot traverse every parent of {@code
   * dir} (for example a mode-700 temporary directory owned by root).
   */
  public void checkCanReach(Path dir) {
    if (switchTo.isEmpty()) {
      return;
    }
    Account account = switchTo.get();
    for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      if (!account.canTraverse(p)) {
        throw new LifecycleException(CommandRunner.SYSTEM_ERROR, "user " + account.name()
            + " cannot reach " + dir + ": it may not enter " + p + " (chmod o+x " + p
            + ", or own(...) the directory, or choose a directory the user can reach)");
      }
    }
  }

  @Override
  public String toString() {
    return switchTo.map(a -> "OsUser[" + a.name() + " via setpriv]").orElse("OsUser[current]");
  }

  /**
   * A builder for {@code command} run as this user, in {@code workingDir}, with a clean environment:
   * no {@code PG*} variables leak in from the JVM, {@code LC_ALL=C} keeps messages parseable.
   */
  ProcessBuilder processBuilder(List<String> command, Path workingDir) {
    List<String> argv = new ArrayList<>();
    switchTo.ifPresent(a -> argv.addAll(List.of(
        "setpriv", "--reuid=" + a.uid(), "--regid=" + a.gid(), "--init-groups")));
    argv.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(argv).directory(workingDir.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("PG"));
    env.put("LC_ALL", "C");
    switchTo.ifPresent(a -> {
      env.put("HOME", a.home());
      env.put("USER", a.name());
      env.put("LOGNAME", a.name());
    });
    return builder;
  }

  static boolean jvmIsRoot() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** A passwd entry plus the user's groups. */
  record Account(String name, int uid, int gid, String home, Set<Integer> groups) {

    static Optional<Account> lookup(String name, Duration timeout) {
      CommandRunner.Result passwd = CommandRunner.run(new ProcessBuilder("getent", "passwd", name), timeout);
      if (!passwd.succeeded()) {
        return Optional.empty();
      }
      String[] fields = passwd.stdout().strip().split(":", -1);
      if (fields.length < 7) {
        return Optional.empty();
      }
      CommandRunner.Result ids = CommandRunner.run(new ProcessBuilder("id", "-G", name), timeout);
      Set<Integer> groups = ids.succeeded()
          ? Stream.of(ids.stdout().strip().split("\\s+")).map(Integer::valueOf)
              .collect(Collectors.toUnmodifiableSet())
          : Set.of(Integer.parseInt(fields[3]));
      return Optional.of(new Account(fields[0], Integer.parseInt(fields[2]),
          Integer.parseInt(fields[3]), fields[5], groups));
    }

    boolean canTraverse(Path dir) {
      try {
        int owner = ((Number) Files.getAttribute(dir, "unix:uid")).intValue();
        int group = ((Number) Files.getAttribute(dir, "unix:gid")).intValue();
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
        if (owner == uid) {
          return mode.contains(PosixFilePermission.OWNER_EXECUTE);
        }
        if (groups.contains(group)) {
          return mode.contains(PosixFilePermission.GROUP_EXECUTE);
        }
        return mode.contains(PosixFilePermission.OTHERS_EXECUTE);
      } catch (IOException | UnsupportedOperationException e) {
        return true; // cannot tell: let the program itself report what is wrong
      }
    }
  }
}
