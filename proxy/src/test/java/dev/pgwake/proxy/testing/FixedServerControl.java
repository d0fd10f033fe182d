package dev.pgwake.proxy.testing;

import dev.pgwake.proxy.admin.ServerControl;
import dev.pgwake.proxy.config.ConfigChange;
import dev.pgwake.proxy.config.ConfigException;
import dev.pgwake.proxy.config.ProxyConfig;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A server control for pipelines built without a server: a fixed configuration, no file to reload, shutdowns counted. */
public final class FixedServerControl implements ServerControl {
    private final ProxyConfig config;
    private final AtomicInteger shutdowns = new AtomicInteger();

    public FixedServerControl(ProxyConfig config) {
        this.config = config;
    }

    @Override
    public ProxyConfig config() {
        return config;
    }

    @Override
    public CompletableFuture<List<ConfigChange>> reload() {
        return CompletableFuture.failedFuture(new ConfigException("no configuration file in this test"));
    }

    @Override
    public void shutdown() {
        shutdowns.incrementAndGet();
    }

    public int shutdowns() {
        return shutdowns.get();
    }
}
