package dev.pgwake.proxy.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/** Polling for a condition another process brings about, with a deadline. */
final class Await {
    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /** Polls {@code value} until it equals {@code expected}; fails with the last value after {@code timeout}. */
    static <T> void until(Duration timeout, T expected, Callable<T> value, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.call();
        while (!Objects.equals(last, expected)) {
            if (System.nanoTime() - deadline > 0) {
                fail(what + ": expected " + expected + " within " + timeout.toMillis() + " ms, still " + last);
            }
            Thread.sleep(POLL_MILLIS);
            last = value.call();
        }
    }
}
