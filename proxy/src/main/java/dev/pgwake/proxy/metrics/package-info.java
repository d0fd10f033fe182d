/**
 * Micrometer meters for Prometheus: branch states, compute and wall seconds, clients, wakes (count, timeouts,
 * duration histogram by resume kind), pools (clients, server connections, transactions, queries, bytes, pins, the
 * wait for a server connection as a histogram), the Netty allocator and the JVM. {@link dev.pgwake.proxy.metrics.ProxyMetrics}
 * is the one entry point; the registry comes from the composition root, never a global one. Branch events come
 * from the coordinator's listener interface, so nothing in {@code lifecycle} knows about Micrometer.
 */
package dev.pgwake.proxy.metrics;
