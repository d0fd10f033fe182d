package dev.pgwake.proxy.http;

import java.util.Optional;

/**
 * Whether pgwake should get traffic, as {@code GET /health/ready} answers: once the branch catalog is loaded and the
 * proxy listener is bound, until shutdown begins. The composition root reports each step. Thread-safe.
 */
public final class Readiness {
    private volatile boolean catalogLoaded;
    private volatile boolean listening;
    private volatile boolean shuttingDown;

    public void catalogLoaded() {
        catalogLoaded = true;
    }

    public void listening() {
        listening = true;
    }

    /** From now on pgwake is not ready, for good. */
    public void shuttingDown() {
        shuttingDown = true;
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Why pgwake is not ready, or empty when it is. */
    public Optional<String> notReadyBecause() {
        if (shuttingDown) {
            return Optional.of("shutting down");
        }
        if (!catalogLoaded) {
            return Optional.of("the branch catalog is not loaded yet");
        }
        if (!listening) {
            return Optional.of("the proxy listener is not bound yet");
        }
        return Optional.empty();
    }
}
