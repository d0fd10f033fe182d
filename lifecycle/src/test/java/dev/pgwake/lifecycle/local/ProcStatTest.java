package dev.pgwake.lifecycle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProcStatTest {

  @Test
  void fieldsAreCountedAfterTheLastParenthesisOfTheCommandName() {
    ProcStat s = ProcStat.parse(42, "42 (postgres: a (weird) name) T 7 42 42 0 -1 4194560 98 0 0 0");
    assertEquals('T', s.state());
    assertEquals(7, s.parent());
    assertEquals(42, s.group());
    assertTrue(s.stopped());
    assertFalse(ProcStat.parse(1, "1 (x) Z 0 1 1").stopped());
    assertTrue(ProcStat.parse(1, "1 (x) Z 0 1 1").exited());
  }

  @Test
  void readsThisJvmAndFindsItsChildren() throws Exception {
    ProcStat self = ProcStat.read(ProcessHandle.current().pid()).orElseThrow();
    assertFalse(self.stopped());
    Process child = new ProcessBuilder("sleep", "30").start();
    try {
      List<Long> children = ProcStat.children(ProcessHandle.current().pid());
      assertTrue(children.contains(child.pid()), children + " should hold " + child.pid());
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
    assertTrue(ProcStat.read(Long.MAX_VALUE / 2).isEmpty());
  }

  @Test
  void signalsFreezeAndThawAProcessGroupThroughTheShell() throws Exception {
    Process leader = new ProcessBuilder("setsid", "sleep", "30").start();
    try (Signals signals = new Signals()) {
      long pid = leader.pid();
      awaitGroupLeader(pid);
      signals.send("STOP", List.of("-" + pid));
      awaitState(pid, true);
      signals.send("CONT", List.of("-" + pid, "999999999"));
      awaitState(pid, false);
    } finally {
      leader.destroyForcibly();
      leader.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void awaitGroupLeader(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ProcStat.read(pid).map(s -> s.group() != pid).orElse(true)) {
      assertTrue(System.nanoTime() < deadline, "setsid never made " + pid + " a group leader");
      Thread.sleep(1);
    }
  }

  private static void awaitState(long pid, boolean stopped) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ProcStat.read(pid).orElseThrow().stopped() != stopped) {
      assertTrue(System.nanoTime() < deadline, pid + " never became " + (stopped ? "stopped" : "running"));
      Thread.sleep(1);
    }
  }
}
