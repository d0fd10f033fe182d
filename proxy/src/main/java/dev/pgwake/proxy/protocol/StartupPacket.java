package dev.pgwake.proxy.protocol;

/** The untyped first packets a client may send (before the typed message stream begins). */
public sealed interface StartupPacket permits StartupMessage, SSLRequest, GSSENCRequest, CancelRequest {
}
