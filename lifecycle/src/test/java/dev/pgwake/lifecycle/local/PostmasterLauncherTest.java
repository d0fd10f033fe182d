package dev.pgwake.lifecycle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The spare shell a warm or cold wake hands its postmaster's command line to, with a short shell script as the
 * command: it becomes the spare's very process, in its own session, as the servers' user, output in the log, every
 * argument exactly as given; and the plain way gives the same.
 */
class PostmasterLauncherTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  /** Prints its pid, session id and user id, then each argument in brackets. */
  private static final String REPORT = "read -r pid comm state ppid pgrp session rest < /proc/$$/stat; "
      + "echo \"pid $$ session $session uid $(id -u)\"; for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done";

  private final OsUser runAs = OsUser.detect();
  private Path dir;
  private Path log;

  @BeforeEach
  void createLog() throws IOException {
    dir = TestDirectories.create("pgwake-launcher-", runAs);
    log = Files.createFile(dir.resolve("server.log"));
    runAs.own(log);
  }

  @AfterEach
  void deleteDir() throws IOException {
    TestDirectories.delete(dir);
  }

  @Test
  void theSpareBecomesTheCommandInItsOwnSessionAsTheUser() throws Exception {
    try (PostmasterLauncher launcher = PostmasterLauncher.withSpare(runAs)) {
      long spare = awaitSpare(launcher);
      Process p = launcher.launch(command("a b", "it's", "back\\slash", "$HOME", " padded "), dir, log);
      assertEquals(spare, p.pid(), "the spare's own process runs the command");
      assertExitsZero(p);
      assertEquals(List.of("pid " + p.pid() + " session " + p.pid() + " uid " + uid(),
          "[a b]", "[it's]", "[back\\slash]", "[$HOME]", "[ padded ]"), Files.readAllLines(log));
    }
  }

  @Test
  void theNextSpareIsStartedAfterOneIsTaken() throws Exception {
    try (PostmasterLauncher launcher = PostmasterLauncher.withSpare(runAs)) {
      long first = awaitSpare(launcher);
      assertExitsZero(launcher.launch(command("one"), dir, log));
      long second = awaitRefill(launcher);
      assertNotEquals(first, second);
      Process p = launcher.launch(command("two"), dir, log);
      assertEquals(second, p.pid());
      assertExitsZero(p);
      assertEquals(List.of("[one]", "[two]"), Files.readAllLines(log).stream().filter(l -> l.startsWith("[")).toList());
    }
  }

  @Test
  void thePlainWayGivesTheSame() throws Exception {
    try (PostmasterLauncher launcher = PostmasterLauncher.plain(runAs)) {
      launcher.prepare();
      Process p = launcher.launch(command("a b", "it's"), dir, log);
      assertTrue(launcher.sparePid().isEmpty(), "a plain launcher keeps no spare");
      assertExitsZero(p);
      assertEquals(List.of("pid " + p.pid() + " session " + p.pid() + " uid " + uid(), "[a b]", "[it's]"),
          Files.readAllLines(log));
    }
  }

  @Test
  void anArgumentALineCannotCarryTakesThePlainWayAndKeepsTheSpare() throws Exception {
    try (PostmasterLauncher launcher = PostmasterLauncher.withSpare(runAs)) {
      long spare = awaitSpare(launcher);
      Process p = launcher.launch(command("", "two\nlines"), dir, log);
      assertNotEquals(spare, p.pid());
      assertExitsZero(p);
      assertEquals(List.of("[]", "[two", "lines]"), Files.readAllLines(log).subList(1, 4));
      assertEquals(OptionalLong.of(spare), launcher.sparePid());
    }
  }

  @Test
  void aSpareThatDiedIsNotUsed() throws Exception {
    try (PostmasterLauncher launcher = PostmasterLauncher.withSpare(runAs)) {
      long spare = awaitSpare(launcher);
      ProcessHandle handle = ProcessHandle.of(spare).orElseThrow();
      handle.destroyForcibly();
      handle.onExit().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      Process p = launcher.launch(command("still"), dir, log);
      assertNotEquals(spare, p.pid());
      assertExitsZero(p);
      assertEquals("[still]", Files.readAllLines(log).get(1));
    }
  }

  @Test
  void closeEndsTheSpare() throws Exception {
    PostmasterLauncher launcher = PostmasterLauncher.withSpare(runAs);
    ProcessHandle spare = ProcessHandle.of(awaitSpare(launcher)).orElseThrow();
    launcher.close();
    spare.onExit().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertTrue(launcher.sparePid().isEmpty());
    Process p = launcher.launch(command("after close"), dir, log);
    assertExitsZero(p);
    assertEquals("[after close]", Files.readAllLines(log).get(1));
  }

  private static List<String> command(String... args) {
    List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", REPORT, "report"));
    argv.addAll(List.of(args));
    return argv;
  }

  private static long awaitSpare(PostmasterLauncher launcher) throws InterruptedException {
    launcher.prepare();
    return awaitRefill(launcher);
  }

  /** Waits for a spare without asking for one. */
  private static long awaitRefill(PostmasterLauncher launcher) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      OptionalLong pid = launcher.sparePid();
      if (pid.isPresent()) {
        return pid.getAsLong();
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no spare shell within " + WAIT);
  }

  private static void assertExitsZero(Process p) throws InterruptedException {
    assertTrue(p.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the command did not end");
    assertEquals(0, p.exitValue());
  }

  private String uid() throws IOException {
    return String.valueOf(Files.getAttribute(dir, "unix:uid"));
  }
}
