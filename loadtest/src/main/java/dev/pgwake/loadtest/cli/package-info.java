/**
 * The command line: one subcommand per scenario (options shared through mixins:
 * {@link dev.pgwake.loadtest.cli.TargetOptions}, {@link dev.pgwake.loadtest.cli.RunOptions},
 * {@link dev.pgwake.loadtest.cli.ReportOptions}, {@link dev.pgwake.loadtest.cli.AdminOptions},
 * {@link dev.pgwake.loadtest.cli.HttpOptions}), and {@code bench-table} for the benchmark script. Exit codes are in {@link dev.pgwake.loadtest.cli.ExitCodes}.
 */
package dev.pgwake.loadtest.cli;
