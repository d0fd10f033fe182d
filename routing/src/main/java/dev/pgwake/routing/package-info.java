/**
 * Decides which branch (a named database compute) a PostgreSQL client wants, from its
 * StartupMessage parameters and TLS server name, and which parameters to forward to the real server.
 *
 * <p>{@link dev.pgwake.routing.Router#route} turns a {@link dev.pgwake.routing.RouteRequest} into
 * either a {@link dev.pgwake.routing.Route} or a {@link dev.pgwake.routing.Reject} carrying a
 * SQLSTATE; it never throws for bad client input. A branch can be named, in order of precedence, by
 * a {@code branch=NAME} token in the {@code options} parameter, by the first label of the TLS server
 * name, or by a {@code database@NAME} suffix; otherwise the configured default branch is used.
 *
 * <p>Plain Java with no I/O, no threads and no dependencies beyond the JDK; every type here is
 * immutable and safe to share between event loops. This package must never import {@code io.netty}.
 */
package dev.pgwake.routing;
