package dev.pgwake.loadtest.wake;

import dev.pgwake.loadtest.process.ProcessProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A postmaster and every process under it, stopped with SIGSTOP. The postmaster is stopped first (so it
 * forks nothing new), then its descendants, each checked in /proc to be in state {@code T}; PostgreSQL's
 * children each lead their own session, so they are signalled one by one. {@link #thaw} sends SIGCONT to
 * the children and then the postmaster in one {@code kill}, and does not wait: that is the bare hot wake.
 */
final class FrozenTree {
    private static final int ROUNDS = 5;
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final long postmaster;
    private final List<Long> children;

    private FrozenTree(long postmaster, List<Long> children) {
        this.postmaster = postmaster;
        this.children = List.copyOf(children);
    }

    static FrozenTree freeze(long postmaster, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        OsCommands.signal("STOP", List.of(postmaster), timeout);
        awaitStopped(List.of(postmaster), deadline);
        Set<Long> all = new LinkedHashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<Long> fresh = new ArrayList<>();
            ProcessHandle.of(postmaster).ifPresent(pm -> pm.descendants().forEach(d -> {
                if (all.add(d.pid())) {
                    fresh.add(d.pid());
                }
            }));
            if (fresh.isEmpty()) {
                return new FrozenTree(postmaster, new ArrayList<>(all));
            }
            try {
                OsCommands.signal("STOP", fresh, timeout);
            } catch (IOException e) {
                // a child that exited between listing and signalling: the rest were signalled; checked below
            }
            awaitStopped(fresh, deadline);
        }
        new FrozenTree(postmaster, new ArrayList<>(all)).thaw(timeout);
        throw new IOException("postmaster " + postmaster + " kept starting processes while being frozen");
    }

    /**
     * SIGCONT to every frozen process, children first, in one {@code kill}; returns once it has sent them.
     * {@code kill} signals every pid it can, so a child gone meanwhile only matters if the postmaster is gone.
     */
    void thaw(Duration timeout) throws IOException, InterruptedException {
        List<Long> order = new ArrayList<>(children);
        order.add(postmaster);
        try {
            OsCommands.signal("CONT", order, timeout);
        } catch (IOException e) {
            if (!ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)) {
                throw e;
            }
        }
    }

    long postmaster() {
        return postmaster;
    }

    int size() {
        return children.size() + 1;
    }

    /** Until each process is stopped (state T) or gone; a zombie or exited process counts as gone. */
    private static void awaitStopped(List<Long> pids, long deadline) throws IOException {
        for (long pid : pids) {
            ProcessProbe probe = new ProcessProbe(pid);
            while (true) {
                char state;
                try {
                    state = probe.state();
                } catch (UncheckedIOException gone) {
                    break;
                }
                if (state == 'T' || state == 'Z' || state == 'X') {
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("process " + pid + " is still in state " + state + " after SIGSTOP");
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
    }
}
