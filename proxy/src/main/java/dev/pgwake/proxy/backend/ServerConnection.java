package dev.pgwake.proxy.backend;

import dev.pgwake.lifecycle.Endpoint;
import dev.pgwake.proxy.protocol.BackendKeyData;
import io.netty.channel.Channel;

import java.util.Map;

/**
 * A logged-in server connection: its channel (pipeline: FrameDecoder, then whatever the owner adds), the
 * parameters the server reported at login, its BackendKeyData and the transaction status of its first
 * ReadyForQuery.
 */
public record ServerConnection(Channel channel, Endpoint endpoint, Map<String, String> parameters,
                               BackendKeyData key, byte transactionStatus) {
    public ServerConnection {
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }

    @Override
    public String toString() {
        return "server " + endpoint.host() + ":" + endpoint.port() + " pid " + key.processId();
    }
}
