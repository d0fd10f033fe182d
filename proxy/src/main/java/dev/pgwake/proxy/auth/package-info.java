/**
 * Password authentication, both ways, in plain Java (no Netty): pgwake checking its clients
 * ({@link dev.pgwake.proxy.auth.ScramServerExchange}, {@link dev.pgwake.proxy.auth.Md5Challenge})
 * against a PgBouncer-style {@link dev.pgwake.proxy.auth.UserList}, and pgwake logging in to
 * PostgreSQL ({@link dev.pgwake.proxy.auth.ScramClientExchange},
 * {@link dev.pgwake.proxy.auth.Md5Challenge#md5Response}).
 *
 * <p>Messages in and out are byte arrays holding exactly the SASL payload (or PasswordMessage text);
 * framing them is the protocol layer's job. Exchanges are single-use and belong to one session's
 * event loop; {@code UserList}, {@code UserSalts} and secrets are immutable and shared.
 *
 * <p>Secrets: {@code toString()} of every type here redacts keys and passwords, and exception
 * messages never contain a password, a secret or a SASL payload, so both are safe to log.
 */
package dev.pgwake.proxy.auth;
