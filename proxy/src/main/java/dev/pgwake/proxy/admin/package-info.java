/**
 * The admin console: the virtual database {@code pgwake} on pgwake's own port. Admins ({@code admin.users})
 * log in as every client does and then speak the simple query protocol to it: SHOW BRANCHES, SUSPEND, STOP,
 * ARCHIVE, RESUME, CREATE and DROP BRANCH; SHOW POOLS, CLIENTS, SERVERS, STATS, PAUSE, RESUME, KILL_CLIENT; SHOW
 * CONFIG, RELOAD, SHUTDOWN; answered with ordinary result sets so psql prints tables. It never wakes a branch of its
 * own accord. {@link dev.pgwake.proxy.admin.AdminConsole} is the console's entry point;
 * {@link dev.pgwake.proxy.admin.BranchOperations}, {@link dev.pgwake.proxy.admin.PoolOperations} and
 * {@link dev.pgwake.proxy.admin.OperationFailure} are the commands and their failures as the HTTP API shares them,
 * {@link dev.pgwake.proxy.admin.ServerControl} what the composition root lets operators do to the whole server;
 * everything else is package-private.
 *
 * <p>ByteBuf ownership: {@code AdminSession} owns each {@link dev.pgwake.proxy.protocol.Frame} it reads; a
 * frame waiting behind a running command sits in its queue of pending frames and is released when handled,
 * or by the release-all path when the session closes. Everything the console encodes is written at once,
 * which hands the buffer to Netty.
 */
package dev.pgwake.proxy.admin;
