/**
 * The {@code oltp} scenario: pgbench's tables and transactions driven through pgjdbc. {@code read-only}
 * is pgbench's {@code -S} (one primary-key SELECT), {@code read-write} its TPC-B-like default (three
 * UPDATEs, a SELECT and an INSERT in one transaction). The query mode decides what reaches the server:
 * {@code simple} sends Query messages (parameters interpolated by pgjdbc), {@code extended} unnamed
 * Parse/Bind/Execute, {@code prepared} named statements from the first execution.
 */
package dev.pgwake.loadtest.oltp;
