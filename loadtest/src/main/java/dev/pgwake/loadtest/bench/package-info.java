/**
 * Summarising a side-by-side benchmark ({@code bench/compare.sh}): runs recorded one per line (TSV), optionally
 * pointing at loadtest JSON reports, become one table of medians per workload and target with the ratios
 * between targets; failed runs stay visible with their reason.
 */
package dev.pgwake.loadtest.bench;
