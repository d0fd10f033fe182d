package dev.pgwake.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StopSignalsTest {
    @Test
    void theFirstSignalShutsDownGracefullyAndASecondOneHaltsAtOnce() throws Exception {
        List<String> done = new CopyOnWriteArrayList<>();
        CountDownLatch shuttingDown = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StopSignals signals = new StopSignals(() -> {
            shuttingDown.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.add("graceful");
        }, status -> done.add("halt " + status));

        Thread first = new Thread(() -> signals.received("TERM", 15));
        first.start();
        shuttingDown.await(10, TimeUnit.SECONDS);
        signals.received("INT", 2);
        assertEquals(List.of("halt 130"), done, "the second signal does not wait for the graceful shutdown");
        release.countDown();
        first.join(10_000);
        assertEquals(List.of("halt 130", "graceful"), done);
    }
}
