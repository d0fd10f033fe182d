package dev.pgwake.proxy.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.concurrent.Callable;

/** Polling for a condition another process brings about, with a deadline. */
public final class Await {
    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /** Polls {@code value} until it equals {@code expected}; fails with the last value after {@code timeout}. */
    public static <T> void until(Duration timeout, T expected, Callable<T> value, String what) throws Exception {
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

    /** Polls {@code condition} until it holds; fails naming {@code what} and the last value after {@code timeout}. */
    public static <T> T until(Duration timeout, Callable<T> value, Predicate<T> condition, String what)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.call();
        while (!condition.test(last)) {
            if (System.nanoTime() - deadline > 0) {
                fail(what + ": not within " + timeout.toMillis() + " ms, still " + last);
            }
            Thread.sleep(POLL_MILLIS);
            last = value.call();
        }
        return last;
    }
}
