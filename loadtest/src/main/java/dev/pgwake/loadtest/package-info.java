/**
 * pgwake-loadtest: a load generator and benchmark harness that treats whatever is behind a PostgreSQL URL
 * (PostgreSQL itself, PgBouncer, pgwake) as a black box. It depends on no other pgwake module.
 *
 * <p>Layers: {@code stats} (HdrHistogram numbers) and {@code process} (/proc readings) know nothing else;
 * {@code report} renders runs; {@code run} drives virtual clients; {@code scenario} is the contract
 * scenarios ({@code oltp}, {@code idle}, {@code wake}, {@code storm}, {@code fleet}) implement; {@code branch}
 * reaches pgwake's branches, admin console and metrics from outside; {@code bench} summarises benchmark runs;
 * {@code cli} is the command line.
 */
package dev.pgwake.loadtest;
