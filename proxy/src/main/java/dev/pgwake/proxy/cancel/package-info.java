/** Query cancel through pgwake's own BackendKeyData: a CancelRequest is routed to the client's current server connection. */
package dev.pgwake.proxy.cancel;
