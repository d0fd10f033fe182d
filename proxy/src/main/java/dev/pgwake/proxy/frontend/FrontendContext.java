package dev.pgwake.proxy.frontend;

import dev.pgwake.lifecycle.ComputeDriver;
import dev.pgwake.proxy.backend.ServerCanceller;
import dev.pgwake.proxy.backend.ServerConnector;
import dev.pgwake.proxy.cancel.CancelRegistry;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.routing.Router;
import io.netty.handler.ssl.SslContext;

import java.util.Optional;

/** What every client session shares, built once in the composition root. */
public record FrontendContext(ProxyConfig config, Router router, ComputeDriver driver, LoginPolicy logins,
                              Optional<SslContext> tls, CancelRegistry cancels, ServerConnector connector,
                              ServerCanceller canceller) {
}
