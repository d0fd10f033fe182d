package dev.pgwake.proxy.frontend;

import dev.pgwake.lifecycle.Branches;
import dev.pgwake.proxy.admin.ServerControl;
import dev.pgwake.proxy.backend.ServerCanceller;
import dev.pgwake.proxy.cancel.CancelRegistry;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.pool.Pools;
import dev.pgwake.proxy.relay.Baselines;
import dev.pgwake.proxy.tls.ClientTls;
import dev.pgwake.routing.Router;
import io.netty.handler.ssl.SslContext;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every client session shares, built once in the composition root. {@code settings} gives the configuration in
 * effect and {@code tls} the TLS clients are offered (a reload replaces both), read where a new client or console
 * login needs them.
 */
public record FrontendContext(Supplier<ProxyConfig> settings, Router router, Branches branches, BranchSessions sessions,
                              LoginPolicy logins, Supplier<ClientTls> tls, CancelRegistry cancels,
                              Pools pools, ServerCanceller canceller, ServerControl control,
                              Baselines baselines) {

    /** With a configuration that never changes (tests). */
    public FrontendContext(ProxyConfig config, Router router, Branches branches, BranchSessions sessions,
                           LoginPolicy logins, Optional<SslContext> tls, CancelRegistry cancels,
                           Pools pools, ServerCanceller canceller, ServerControl control, Baselines baselines) {
        this(() -> config, router, branches, sessions, logins, fixed(new ClientTls(config.tls(), tls)), cancels, pools,
                canceller, control, baselines);
    }

    private static Supplier<ClientTls> fixed(ClientTls tls) {
        return () -> tls;
    }

    /** The configuration in effect now. */
    public ProxyConfig config() {
        return settings.get();
    }

    /** Bytes a client may send while its branch wakes; past this, pgwake stops reading from it. */
    int clientBuffer() {
        return config().lifecycle().clientBuffer().asInt();
    }
}
