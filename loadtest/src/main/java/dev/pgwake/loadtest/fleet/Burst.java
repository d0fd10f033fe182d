package dev.pgwake.loadtest.fleet;

/**
 * One burst of a fleet agent, as its first query saw it: when it started (seconds since the traffic began),
 * on which branch, what the query found ({@code kind}; {@code null} when it failed) and how long it took
 * ({@code latencyNanos}, -1 when it failed).
 */
record Burst(String branch, double startSeconds, FirstQueryKind kind, long latencyNanos) {

    boolean failed() {
        return latencyNanos < 0;
    }
}
