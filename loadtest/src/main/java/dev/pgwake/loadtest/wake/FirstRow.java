package dev.pgwake.loadtest.wake;

import dev.pgwake.loadtest.scenario.SelectOne;
import dev.pgwake.loadtest.scenario.Target;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Connect-to-first-row, the latency the wake scenario measures: {@code DriverManager.getConnection},
 * {@code select 1}, and reading its row ({@link SelectOne}). Closing the connection afterwards is not timed.
 */
final class FirstRow {
    private FirstRow() {
    }

    /** One attempt, timed from the call; any failure is thrown. */
    static long time(Target target, Map<String, String> properties) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = target.connect(properties)) {
            SelectOne.run(c);
            return System.nanoTime() - start;
        }
    }

    /**
     * Attempts every {@code pause} until one answers, timed from {@code startNanos} (when the work that makes
     * the server answer began, e.g. starting it). Gives up after {@code timeout}, or at once when {@code alive}
     * says the server process has exited.
     */
    static long poll(long startNanos, Target target, Map<String, String> properties, Duration pause, Duration timeout,
                     BooleanSupplier alive) throws WakeFailure, InterruptedException {
        long deadline = startNanos + timeout.toNanos();
        SQLException last;
        while (true) {
            try (Connection c = target.connect(properties)) {
                SelectOne.run(c);
                return System.nanoTime() - startNanos;
            } catch (SQLException e) {
                last = e;
            }
            if (!alive.getAsBoolean()) {
                throw new WakeFailure("connect", "exited", "connect: the server exited before answering; last: "
                        + last.getMessage(), last);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new WakeFailure("connect", "timeout", "connect: no answer within " + timeout.toMillis() + " ms; last: "
                        + last.getMessage(), last);
            }
            Thread.sleep(pause.toMillis());
        }
    }}
