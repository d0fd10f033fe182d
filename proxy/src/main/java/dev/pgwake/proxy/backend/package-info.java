/**
 * Connections from pgwake to PostgreSQL servers: connect and log in with configured credentials
 * ({@link dev.pgwake.proxy.backend.ServerConnector}), and cancel requests.
 *
 * <p>Event loop only: a server channel is bootstrapped on its client's event loop. ByteBuf ownership:
 * {@code ServerLoginHandler} releases every frame it reads during login; after login, frames go to
 * whatever handler the owner of the {@link dev.pgwake.proxy.backend.ServerConnection} adds, which then owns them.
 */
package dev.pgwake.proxy.backend;
