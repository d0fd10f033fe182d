package dev.pgwake.proxy.frontend;

import dev.pgwake.lifecycle.Branches;
import dev.pgwake.proxy.admin.ServerControl;
import dev.pgwake.proxy.backend.ServerCanceller;
import dev.pgwake.proxy.cancel.CancelRegistry;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.pool.Pools;
import dev.pgwake.proxy.relay.Baselines;
import dev.pgwake.routing.Router;
import io.netty.handler.ssl.SslContext;

import java.util.Optional;

/** What every client session shares, built once in the composition root. */
public record FrontendContext(ProxyConfig config, Router router, Branches branches, BranchSessions sessions,
                              LoginPolicy logins, Optional<SslContext> tls, CancelRegistry cancels,
                              Pools pools, ServerCanceller canceller, ServerControl control,
                              Baselines baselines) {

    /** Bytes a client may send while its branch wakes; past this, pgwake stops reading from it. */
    int clientBuffer() {
        return config.lifecycle().clientBuffer().asInt();
    }
}
