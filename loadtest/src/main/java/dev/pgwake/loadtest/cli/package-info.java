/**
 * The command line: one subcommand per scenario (options common to all in
 * {@link dev.pgwake.loadtest.cli.RunOptions}), the planned scenarios that refuse to run yet, and
 * {@code bench-table} for the benchmark script. Exit codes are in {@link dev.pgwake.loadtest.cli.ExitCodes}.
 */
package dev.pgwake.loadtest.cli;
