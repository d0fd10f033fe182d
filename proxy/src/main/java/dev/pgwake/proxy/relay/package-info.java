/**
 * Relaying one client's requests over a leased server connection: what a transaction pooler must know about
 * the SQL it forwards to keep a session's state when the client moves from one server connection to another.
 * {@link dev.pgwake.proxy.relay.SqlScanner} reads the text of each Query and Parse message and reports, as
 * {@link dev.pgwake.proxy.relay.SessionCommand}s, the settings to replay on the next connection, the state
 * dropped, and the state that cannot move ({@link dev.pgwake.proxy.relay.PinReason}) and so keeps the client
 * pinned to its connection until it is gone. The scanner works on decoded strings and holds no ByteBuf.
 */
package dev.pgwake.proxy.relay;
