package dev.pgwake.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP reloads the configuration, as it does for PostgreSQL and PgBouncer: the reload runs on the signal's handler
 * thread and its outcome goes to the log (each changed key, or why the file was refused). Where the signal cannot be
 * trapped (no {@code sun.misc.Signal}, {@code -Xrs}) a warning says so, and SIGHUP keeps the JVM's default: it stops
 * pgwake through the shutdown hook.
 */
final class ReloadSignal {
    private static final Logger log = LoggerFactory.getLogger(ReloadSignal.class);

    private ReloadSignal() {
    }

    /** Traps SIGHUP to reload {@code server}. */
    static void install(ProxyServer server) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> reload(server));
        } catch (IllegalArgumentException | LinkageError e) {
            log.warn("cannot trap SIGHUP ({}): reload through the console (RELOAD) or POST /reload instead", e.toString());
        }
    }

    private static void reload(ProxyServer server) {
        log.info("SIGHUP: reloading the configuration");
        try {
            server.reload();
        } catch (RuntimeException e) {
            log.warn("SIGHUP: reload refused, nothing changed: {}", e.getMessage());
        }
    }
}
