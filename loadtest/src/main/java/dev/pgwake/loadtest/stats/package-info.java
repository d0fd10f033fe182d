/**
 * Numbers from latencies: HdrHistogram recorders read once per interval, per-interval samples, the
 * summary of a whole run (percentiles), log-spaced histogram buckets, medians and ratios across runs.
 *
 * <p>All latencies are recorded in whole microseconds and reported in milliseconds (a double, exact to
 * the microsecond below 2,048 us and to 0.1% above, HdrHistogram's three significant digits).
 * Nothing here does I/O.
 */
package dev.pgwake.loadtest.stats;
