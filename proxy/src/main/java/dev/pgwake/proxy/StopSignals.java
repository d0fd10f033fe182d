package dev.pgwake.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * How pgwake stops on a signal. The first SIGTERM or SIGINT runs {@link ProxyServer#shutdown} with {@code
 * shutdown_timeout} on the signal's own handler thread; another one while that runs halts the JVM at once, with
 * exit status 128 + the signal's number (143 for SIGTERM), as a shell reports a process killed by it. Signals are
 * trapped with {@code sun.misc.Signal} (module jdk.unsupported); where it is missing or the JVM keeps the signals
 * to itself ({@code -Xrs}), a warning says so and only the JVM shutdown hook is left, which runs the same graceful
 * shutdown on any exit (a repeated signal then waits for it). The hook also covers System.exit (SIGHUP reloads the
 * configuration instead: {@link ReloadSignal}).
 */
final class StopSignals {
    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    private static final List<String> TRAPPED = List.of("TERM", "INT");

    private final Runnable graceful;
    private final IntConsumer halt;
    private final AtomicInteger received = new AtomicInteger();

    /**
     * @param graceful the graceful shutdown; returns when it is done
     * @param halt ends the process at once with the given exit status
     */
    StopSignals(Runnable graceful, IntConsumer halt) {
        this.graceful = graceful;
        this.halt = halt;
    }

    /**
     * Installs the shutdown hook and traps SIGTERM and SIGINT for {@code server}; the graceful shutdown is bounded by
     * its {@code shutdown_timeout} in effect when the signal comes.
     */
    static void install(ProxyServer server) {
        Runnable graceful = () -> server.shutdown(server.shutdownTimeout());
        Runtime.getRuntime().addShutdownHook(new Thread(graceful, "pgwake-shutdown"));
        StopSignals signals = new StopSignals(graceful, status -> Runtime.getRuntime().halt(status));
        for (String name : TRAPPED) {
            try {
                signals.trap(name);
            } catch (IllegalArgumentException | LinkageError e) {
                log.warn("cannot trap SIG{} ({}): a second SIG{} will not cut the graceful shutdown short", name, e,
                        name);
            }
        }
    }

    /** A signal arrived: the first shuts down gracefully (returning when done), any later one halts. */
    void received(String name, int number) {
        int count = received.incrementAndGet();
        if (count == 1) {
            log.info("SIG{}: shutting down gracefully; send it again to stop at once", name);
            graceful.run();
        } else {
            log.warn("SIG{} again: stopping at once", name);
            halt.accept(128 + number);
        }
    }

    private void trap(String name) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> received(name, signal.getNumber()));
    }
}
