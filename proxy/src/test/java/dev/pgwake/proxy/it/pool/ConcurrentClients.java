package dev.pgwake.proxy.it.pool;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs many clients at once, one thread each, released together; fails with every client's failure. */
final class ConcurrentClients {
    /** One client's whole run; {@code index} is 0 to n - 1. */
    interface Client {
        void run(int index) throws Exception;
    }

    private ConcurrentClients() {
    }

    /** Runs {@code n} clients and waits for all of them, at most {@code timeout}; then fails if any failed. */
    static void run(int n, Duration timeout, Client client) throws InterruptedException {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n, task -> {
            Thread thread = new Thread(task, "client-" + threads.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            runs.add(pool.submit(() -> {
                go.await();
                client.run(index);
                return null;
            }));
        }
        go.countDown();
        pool.shutdown();
        long deadline = System.nanoTime() + timeout.toNanos();
        AssertionError failed = null;
        for (int i = 0; i < n; i++) {
            Throwable cause;
            try {
                runs.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                continue;
            } catch (ExecutionException e) {
                cause = e.getCause();
            } catch (TimeoutException e) {
                cause = new AssertionError("client " + i + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (failed == null) {
                failed = new AssertionError("client " + i + " of " + n + " failed: " + cause, cause);
            } else {
                failed.addSuppressed(cause);
            }
        }
        pool.shutdownNow();
        if (failed != null) {
            throw failed;
        }
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            fail("client threads still running after they all finished");
        }
    }
}
