/**
 * The {@code idle} scenario: open K connections, hold them idle, and measure the resident memory the process
 * behind the URL spends on them. loadtest raises no limit itself; it says what {@code ulimit -n} each side
 * needs.
 */
package dev.pgwake.loadtest.idle;
