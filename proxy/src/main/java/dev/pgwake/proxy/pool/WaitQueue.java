package dev.pgwake.proxy.pool;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;

/** The clients waiting for a pool's connections, first come first served. Guarded by the pool's lock. */
final class WaitQueue {
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    void add(Waiter waiter) {
        waiters.addLast(waiter);
    }

    boolean isEmpty() {
        return waiters.isEmpty();
    }

    int size() {
        return waiters.size();
    }

    /** The first client still waiting, taken out of the queue (those who stopped waiting are dropped). */
    Waiter poll() {
        Waiter waiter;
        while ((waiter = waiters.pollFirst()) != null) {
            if (waiter.waiting()) {
                return waiter;
            }
        }
        return null;
    }

    /** The first client still waiting, left in the queue. */
    Waiter peek() {
        Waiter waiter;
        while ((waiter = waiters.peekFirst()) != null && !waiter.waiting()) {
            waiters.pollFirst();
        }
        return waiter;
    }

    /** Takes out every client waiting since {@code limitNanos} or longer (0: no limit) and hands it to {@code late}. */
    void expire(long now, long limitNanos, Consumer<Waiter> late) {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (!waiter.waiting()) {
                it.remove();
            } else if (limitNanos > 0 && now - waiter.sinceNanos() >= limitNanos) {
                it.remove();
                late.accept(waiter);
            }
        }
    }
}
