package dev.pgwake.loadtest.stats;

import java.util.OptionalDouble;

/**
 * What one way of doing an operation costs over another (pgwake's wake over the bare server operation), at
 * the median and at p95: the difference in milliseconds ({@code subject - baseline}, negative when the
 * subject was faster) and the ratio {@code subject / baseline}. A field is {@code null} when either side
 * has no value for it (nothing measured, or a zero baseline for a ratio).
 */
public record Overhead(Double p50Ms, Double p95Ms, Double p50Ratio, Double p95Ratio) {

    public static Overhead of(LatencySummary subject, LatencySummary baseline) {
        return new Overhead(difference(subject.p50Ms(), baseline.p50Ms()), difference(subject.p95Ms(), baseline.p95Ms()),
                ratio(subject.p50Ms(), baseline.p50Ms()), ratio(subject.p95Ms(), baseline.p95Ms()));
    }

    private static Double difference(Double subject, Double baseline) {
        return subject == null || baseline == null ? null : subject - baseline;
    }

    private static Double ratio(Double subject, Double baseline) {
        if (subject == null || baseline == null) {
            return null;
        }
        OptionalDouble r = Ratio.of(subject, baseline);
        return r.isPresent() ? r.getAsDouble() : null;
    }
}
