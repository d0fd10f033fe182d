package dev.pgwake.loadtest.branch;

import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wakes counted by pgwake ({@code pgwake_wakes_total}, {@code pgwake_wake_timeouts_total}): successful ones by
 * kind ({@code hot}, {@code warm}, {@code cold}, or {@code unknown}), failed ones, and waits that gave up at
 * {@code wake_timeout}. Counters only grow, so what happened between two scrapes is their {@link #minus difference}.
 */
public record WakeCounts(Map<String, Long> ok, long failed, long timeouts) {
    public static final WakeCounts NONE = new WakeCounts(Map.of(), 0, 0);

    /** Kinds in the order of the work they do, others after them by name. */
    private static final Comparator<String> ORDER = Comparator
            .comparingInt((String kind) -> ResumeKind.fromLabel(kind).map(Enum::ordinal).orElse(ResumeKind.values().length))
            .thenComparing(Comparator.naturalOrder());

    public WakeCounts {
        Map<String, Long> sorted = new TreeMap<>(ORDER);
        sorted.putAll(ok);
        ok = Collections.unmodifiableMap(sorted);
    }

    /** Successful wakes of {@code kind} (a label such as {@code hot}). */
    public long ok(String kind) {
        return ok.getOrDefault(kind, 0L);
    }

    /** Successful wakes of every kind. */
    public long total() {
        return ok.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What was counted since {@code earlier} (kinds with nothing new left out). */
    public WakeCounts minus(WakeCounts earlier) {
        Map<String, Long> diff = new TreeMap<>(ORDER);
        ok.forEach((kind, n) -> {
            long d = n - earlier.ok(kind);
            if (d != 0) {
                diff.put(kind, d);
            }
        });
        return new WakeCounts(diff, failed - earlier.failed, timeouts - earlier.timeouts);
    }

    public WakeCounts plus(WakeCounts other) {
        Map<String, Long> sum = new TreeMap<>(ORDER);
        sum.putAll(ok);
        other.ok.forEach((kind, n) -> sum.merge(kind, n, Long::sum));
        return new WakeCounts(sum, failed + other.failed, timeouts + other.timeouts);
    }

    /** {@code hot 1}, {@code hot 1, warm 2, failed 1}, or {@code none}: kinds hot, warm, cold first. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        ok.forEach((kind, n) -> out.append(out.length() == 0 ? "" : ", ").append(kind).append(' ').append(n));
        if (failed > 0) {
            out.append(out.length() == 0 ? "" : ", ").append("failed ").append(failed);
        }
        if (timeouts > 0) {
            out.append(out.length() == 0 ? "" : ", ").append("timed out ").append(timeouts);
        }
        return out.length() == 0 ? "none" : out.toString();
    }
}
