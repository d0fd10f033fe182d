package dev.pgwake.proxy.admin;

import dev.pgwake.proxy.config.ConfigChange;
import dev.pgwake.proxy.config.ProxyConfig;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What operators may do to pgwake as a whole, as the composition root provides it to the console and the HTTP API:
 * read the configuration in effect, reload it, shut down. Thread-safe; nothing here blocks the caller.
 */
public interface ServerControl {
    /** The configuration in effect: the one pgwake started with, with what reloads applied since. */
    ProxyConfig config();

    /**
     * Reads the configuration file again and applies what can change while running; completes with one entry per
     * changed key (those that need a restart say so), or fails with the file's problem, having changed nothing.
     */
    CompletableFuture<List<ConfigChange>> reload();

    /** Begins the graceful shutdown in the background and returns at once. */
    void shutdown();
}
