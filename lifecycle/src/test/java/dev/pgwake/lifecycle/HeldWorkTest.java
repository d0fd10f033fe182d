package dev.pgwake.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Work handed over during a hold reaches the workers when the hold ends, in order; outside a hold at once. */
class HeldWorkTest {

  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
  private final HeldWork work = new HeldWork(Runnable::run); // workers that run a task as it arrives

  @Test
  void outsideAHoldWorkGoesToTheWorkersAtOnce() {
    work.execute(() -> ran.add("task"));
    assertEquals(List.of("task"), ran);
  }

  @Test
  void workHandedOverDuringAHoldWaitsForItsEndInOrder() {
    work.holding(() -> {
      work.execute(() -> ran.add("first"));
      work.execute(() -> ran.add("second"));
      ran.add("body ends");
    });
    assertEquals(List.of("body ends", "first", "second"), ran);
  }

  @Test
  void aHoldInsideAHoldEndsWithTheOuterOne() {
    work.holding(() -> {
      work.holding(() -> work.execute(() -> ran.add("inner task")));
      ran.add("inner hold over");
    });
    assertEquals(List.of("inner hold over", "inner task"), ran);
  }

  @Test
  void aBodyThatThrowsStillHandsOverItsWork() {
    assertThrows(IllegalStateException.class, () -> work.holding(() -> {
      work.execute(() -> ran.add("task"));
      throw new IllegalStateException("body failed");
    }));
    assertEquals(List.of("task"), ran);
  }

  @Test
  void aHoldIsPerThread() throws Exception {
    work.holding(() -> {
      Thread other = new Thread(() -> work.execute(() -> ran.add("other thread")));
      other.start();
      try {
        other.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ran.add("body ends");
    });
    assertEquals(List.of("other thread", "body ends"), ran);
  }
}
