package dev.pgwake.lifecycle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwake.lifecycle.LifecycleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OsUserTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  void asRootProgramsRunAsAnUnprivilegedUserInAClearedEnvironment() throws Exception {
    assumeTrue(OsUser.jvmIsRoot(), "the JVM does not run as root");
    OsUser runAs = OsUser.detect();
    assertTrue(runAs.switchesUser());
    assertEquals(OsUser.DEFAULT_USER_WHEN_ROOT, runAs.name());

    ProcessBuilder builder =
        runAs.processBuilder(List.of("sh", "-c", "id -u; echo ${PGPORT:-unset} $USER"), Path.of("/tmp"));
    assertTrue(builder.environment().keySet().stream().noneMatch(key -> key.startsWith("PG")));
    assertEquals("C", builder.environment().get("LC_ALL"));
    CommandRunner.Result result = CommandRunner.run(builder, TIMEOUT);

    assertTrue(result.succeeded(), result.output());
    String[] lines = result.stdout().strip().split("\n");
    assertNotEquals("0", lines[0]);
    assertEquals("unset postgres", lines[1]);
  }

  @Test
  void asRootDirectoriesAreHandedToTheUserAndUnreachableParentsAreNamed() throws Exception {
    assumeTrue(OsUser.jvmIsRoot(), "the JVM does not run as root");
    OsUser runAs = OsUser.detect();
    Path locked = Files.createTempDirectory(Path.of("/tmp"), "pgwake-locked-"); // mode 700, root's
    try {
      Path inside = Files.createDirectory(locked.resolve("data"));
      LifecycleException e = assertThrows(LifecycleException.class, () -> runAs.checkCanReach(inside));
      assertTrue(e.getMessage().contains(locked.toString()), e.getMessage());

      runAs.own(locked);
      runAs.checkCanReach(inside);
      assertEquals(OsUser.DEFAULT_USER_WHEN_ROOT, Files.getOwner(inside).getName());
    } finally {
      TestDirectories.delete(locked);
    }
  }

  @Test
  void unknownUserIsRefusedWithAHint() {
    assumeTrue(OsUser.jvmIsRoot(), "the JVM does not run as root");
    LifecycleException e = assertThrows(LifecycleException.class, () -> OsUser.detect("no-such-user-pgwake"));
    assertTrue(e.getMessage().contains("no-such-user-pgwake"), e.getMessage());
  }

  @Test
  void withoutRootProgramsRunDirectly() {
    assumeFalse(OsUser.jvmIsRoot(), "the JVM runs as root");
    OsUser runAs = OsUser.detect();
    assertFalse(runAs.switchesUser());
    assertEquals(System.getProperty("user.name"), runAs.name());
  }

  @Test
  void currentNeverSwitches() {
    assertFalse(OsUser.current().switchesUser());
    ProcessBuilder builder = OsUser.current().processBuilder(List.of("true"), Path.of("/tmp"));
    assertEquals(List.of("true"), builder.command());
  }
}
