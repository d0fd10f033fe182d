package dev.pgwake.proxy.it.pool;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Work a test starts and later waits for (with a timeout): each on a daemon thread of its own, so a blocked client
 * never starves another (the common pool has one thread on a two-core machine).
 */
final class Background {
    private Background() {
    }

    static <T> CompletableFuture<T> start(String name, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }
}
