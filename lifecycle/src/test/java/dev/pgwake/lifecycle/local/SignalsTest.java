package dev.pgwake.lifecycle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** STOP and CONT reach a real process, through libc where it loads, and through the shell otherwise. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SignalsTest {

  private static char stateAfter(long pid, char wanted) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    char state;
    do {
      state = ProcStat.read(pid).orElseThrow().state();
      if (state == wanted) {
        return state;
      }
      Thread.sleep(1);
    } while (System.nanoTime() < deadline);
    return state;
  }

  @Test
  void libcLoadsOnThisLinuxAndStopsAndContinuesAProcessAndSkipsOneThatIsGone() throws Exception {
    Libc libc = Libc.load();
    assertNotNull(libc, "JNA's libc on this machine (Linux, common signal numbering)");
    Process child = new ProcessBuilder("sleep", "30").start();
    try {
      String pid = Long.toString(child.pid());
      assertTrue(libc.send("STOP", List.of(pid)));
      assertEquals('T', stateAfter(child.pid(), 'T'));
      assertTrue(libc.send("CONT", List.of(pid, Long.toString(Integer.MAX_VALUE - 1))), "a gone target is skipped");
      assertEquals('S', stateAfter(child.pid(), 'S'));
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void signalsStopsAndContinuesAProcessGroupAndRefusesAnythingButNumbers() throws Exception {
    Process child = new ProcessBuilder("setsid", "sleep", "30").start();
    try (Signals signals = new Signals()) {
      ProcStat stat = ProcStat.read(child.pid()).orElseThrow();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (stat.group() != child.pid() && System.nanoTime() < deadline) { // until setsid() ran in the child
        Thread.sleep(1);
        stat = ProcStat.read(child.pid()).orElseThrow();
      }
      long ownGroup = ProcStat.read(ProcessHandle.current().pid()).orElseThrow().group();
      assertEquals(child.pid(), stat.group(), "the child leads its own group");
      assertTrue(stat.group() != ownGroup, "never this JVM's own group");
      signals.send("STOP", List.of("-" + stat.group()));
      assertEquals('T', stateAfter(child.pid(), 'T'));
      signals.send("CONT", List.of("-" + stat.group()));
      assertEquals('S', stateAfter(child.pid(), 'S'));
      assertThrows(IllegalArgumentException.class, () -> signals.send("CONT", List.of("1; reboot")));
      assertThrows(IllegalArgumentException.class, () -> signals.send("KILL", List.of(Long.toString(child.pid()))));
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
