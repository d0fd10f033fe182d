package dev.pgwake.loadtest.run;

import dev.pgwake.loadtest.report.ErrorCount;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Failures counted by kind (SQLSTATE, or the exception's class when there is none), keeping the first
 * message of each kind as an example. Safe to record from any thread.
 */
public final class ErrorTally {
    static final int MAX_MESSAGE = 500;

    private final ConcurrentHashMap<String, Kind> kinds = new ConcurrentHashMap<>();

    public void record(Throwable failure) {
        kinds.computeIfAbsent(code(failure), k -> new Kind(message(failure))).count.increment();
    }

    /** Counts a failure the caller has classified itself, e.g. {@code pgwake hot connect 57P03}. */
    public void record(String code, String message) {
        String m = message == null ? "" : message.strip();
        kinds.computeIfAbsent(code, k -> new Kind(m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE) + "..."))
                .count.increment();
    }

    /** The kinds seen, most frequent first. */
    public List<ErrorCount> counts() {
        return kinds.entrySet().stream()
                .map(e -> new ErrorCount(e.getKey(), e.getValue().count.sum(), e.getValue().firstMessage))
                .sorted(Comparator.comparingLong(ErrorCount::count).reversed().thenComparing(ErrorCount::code))
                .toList();
    }

    public long total() {
        return kinds.values().stream().mapToLong(k -> k.count.sum()).sum();
    }

    /** The SQLSTATE of the failure or of the first SQLException among its causes, else its class name. */
    static String code(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return failure.getClass().getSimpleName();
    }

    static String message(Throwable failure) {
        String m = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        m = m.strip();
        return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE) + "...";
    }

    private static final class Kind {
        final LongAdder count = new LongAdder();
        final String firstMessage;

        Kind(String firstMessage) {
            this.firstMessage = firstMessage;
        }
    }
}
