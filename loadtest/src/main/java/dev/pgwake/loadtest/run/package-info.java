/**
 * Driving virtual clients: {@link dev.pgwake.loadtest.run.ClosedLoop} runs N clients, each on its own
 * thread with its own connection, back to back (closed loop, as pgbench does), and samples their latencies
 * once per interval on the calling thread, which also prints the progress line.
 *
 * <p>Threads: client threads only record (lock-free HdrHistogram recorders, {@code LongAdder}s); the
 * sampling thread alone reads intervals and builds the series. Every wait is bounded.
 */
package dev.pgwake.loadtest.run;
