package dev.pgwake.proxy;

import dev.pgwake.lifecycle.Branches;
import dev.pgwake.lifecycle.IdlePolicy;
import dev.pgwake.proxy.backend.ServerTls;
import dev.pgwake.proxy.config.ConfigChange;
import dev.pgwake.proxy.config.ConfigException;
import dev.pgwake.proxy.config.ConfigRows;
import dev.pgwake.proxy.config.ConfigSource;
import dev.pgwake.proxy.config.LifecycleConfig;
import dev.pgwake.proxy.config.ProxyConfig;
import dev.pgwake.proxy.config.ServerConfig;
import dev.pgwake.proxy.frontend.LoginPolicy;
import dev.pgwake.proxy.pool.Pools;
import dev.pgwake.proxy.tls.Certificates;
import dev.pgwake.proxy.tls.ClientTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The configuration in effect, and RELOAD: reads the configuration source again and applies what can change while
 * pgwake runs: the pool settings ({@code pool:}, every pool at once; {@code max_db_connections} only for databases
 * without a pool yet), the login rules ({@code auth:}, the users file read again, for logins from then on), the
 * console's {@code admin.users} (for console logins from then on), the idle policy ({@code lifecycle.idle_after} to
 * {@code archive_after}, for branches without an override of their own), {@code lifecycle.wake_timeout} (for wakes
 * that begin from then on), {@code lifecycle.client_buffer}, {@code startup_timeout} and {@code max_frame_size}
 * (for clients that connect from then on), {@code tls:} (for clients that connect from then on; the certificate and
 * key files are read again, so a renewed certificate is taken up), {@code server:} (credentials, connect timeout and
 * TLS, for server connections opened from then on; a {@code tls_ca_file} is read again) and {@code shutdown_timeout}.
 * Any other key needs a restart; a reload names each one that changed and keeps its old value in effect.
 * A file that does not load changes nothing. Thread-safe; reloads run one at a time and read files: never call
 * {@link #reload} on an event loop.
 */
final class LiveConfig {
    private static final Logger log = LoggerFactory.getLogger(LiveConfig.class);
    private static final Set<String> IDLE_STEPS = Set.of("lifecycle.idle_after", "lifecycle.suspend_after",
            "lifecycle.stop_after", "lifecycle.archive_after");
    private static final Set<String> NEW_CLIENTS =
            Set.of("startup_timeout", "max_frame_size", "lifecycle.client_buffer");

    private final ConfigSource source;
    private final Pools pools;
    private final LoginPolicy logins;
    private final Branches branches;
    private volatile ProxyConfig current;
    private volatile ClientTls tls;
    private volatile ServerTls serverTls;

    LiveConfig(ProxyConfig started, ConfigSource source, Pools pools, LoginPolicy logins, Branches branches,
               ServerTls serverTls) {
        this.current = started;
        this.serverTls = serverTls;
        this.source = source;
        this.pools = pools;
        this.logins = logins;
        this.branches = branches;
    }

    static IdlePolicy idlePolicy(LifecycleConfig lifecycle) {
        return new IdlePolicy(lifecycle.idleAfter(), lifecycle.suspendAfter(), lifecycle.stopAfter(),
                lifecycle.archiveAfter());
    }

    ProxyConfig current() {
        return current;
    }

    /**
     * The TLS offered to clients now, without a lock (every new connection asks); the first call reads the certificate
     * files (or makes a self-signed one).
     */
    /** The TLS pgwake asks servers for, for server connections opened now. */
    ServerTls serverTls() {
        return serverTls;
    }

    ClientTls tls() {
        ClientTls now = tls;
        return now != null ? now : firstTls();
    }

    private synchronized ClientTls firstTls() {
        if (tls == null) {
            tls = ClientTls.of(current.tls());
        }
        return tls;
    }

    /** Reads the source and applies it; one entry per changed key; a {@link ConfigException} changes nothing. */
    synchronized List<ConfigChange> reload() {
        ProxyConfig before = current;
        ProxyConfig loaded = source.load();
        ProxyConfig next = merged(before, loaded);
        IdlePolicy policy = idlePolicy(next.lifecycle());
        ClientTls nextTls = nextTls(next);
        ServerTls nextServerTls = nextServerTls(before, next);
        int users = logins.reload(next.auth()); // the last step that can fail
        List<ConfigChange> changes = changes(ConfigRows.of(before), ConfigRows.of(loaded));
        if (!next.pool().equals(before.pool())) {
            pools.reconfigure(next.pool());
        }
        if (!policy.equals(idlePolicy(before.lifecycle()))) {
            branches.setDefaultPolicy(policy);
        }
        if (!next.lifecycle().wakeTimeout().equals(before.lifecycle().wakeTimeout())) {
            branches.setWakeTimeout(next.lifecycle().wakeTimeout());
        }
        if (next.auth().usersFile() != null) {
            changes.add(new ConfigChange("auth.users_file (contents)", null, users + " users", "read again"));
        }
        if (next.tls().certFile() != null && nextTls.context().isPresent()) {
            changes.add(new ConfigChange("tls.cert_file (contents)", null, Certificates.validity(next.tls().certFile()),
                    "read again"));
        }
        tls = nextTls;
        serverTls = nextServerTls;
        current = next;
        changes.forEach(change -> log.info("reload: {} {} -> {}: {}", change.key(), change.before(), change.after(),
                change.status()));
        if (changes.isEmpty()) {
            log.info("reload: nothing changed");
        }
        return changes;
    }

    /** The CA and certificate files are read again whenever configured: renewed ones under the same names count. */
    private ServerTls nextServerTls(ProxyConfig before, ProxyConfig next) {
        ServerConfig now = next.server();
        ServerConfig was = before.server();
        boolean sameAndNoFiles = now.tlsMode() == was.tlsMode() && now.tlsCaFile() == null && was.tlsCaFile() == null
                && now.tlsCertFile() == null && was.tlsCertFile() == null;
        if (sameAndNoFiles) {
            return serverTls;
        }
        try {
            return ServerTls.of(now);
        } catch (IllegalStateException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private ClientTls nextTls(ProxyConfig next) {
        try {
            return tls().next(next.tls());
        } catch (IllegalStateException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** What runs from now on: the keys that apply while running from {@code loaded}, the others as before. */
    private static ProxyConfig merged(ProxyConfig before, ProxyConfig loaded) {
        LifecycleConfig was = before.lifecycle();
        LifecycleConfig now = loaded.lifecycle();
        try {
            return new ProxyConfig(before.listen(), loaded.startupTimeout(), loaded.maxFrameSize(), loaded.tls(),
                    before.routing(), loaded.auth(), before.driver(), loaded.server(),
                    new LifecycleConfig(now.idleAfter(), now.suspendAfter(), now.stopAfter(), now.archiveAfter(),
                            now.wakeTimeout(), was.autoCreateBranches(), now.clientBuffer()),
                    loaded.admin(), loaded.pool(), before.http(), loaded.shutdownTimeout());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("the reloaded configuration cannot run with the keys that need a restart: "
                    + e.getMessage());
        }
    }

    private static List<ConfigChange> changes(Map<String, String> before, Map<String, String> after) {
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<ConfigChange> changes = new ArrayList<>();
        for (String key : keys) {
            if (!Objects.equals(before.get(key), after.get(key))) {
                changes.add(new ConfigChange(key, before.get(key), after.get(key), status(key)));
            }
        }
        return changes;
    }

    private static String status(String key) {
        if (key.equals("pool.max_db_connections")) {
            return "applied to databases without a pool yet; restart to apply to all";
        }
        if (key.equals("pool.max_prepared_statements")) {
            return "applied to new server connections";
        }
        if (key.startsWith("pool.") || IDLE_STEPS.contains(key)) {
            return ConfigChange.APPLIED;
        }
        if (key.startsWith("auth.")) {
            return "applied to new logins";
        }
        if (key.startsWith("admin.")) {
            return "applied to new console logins";
        }
        if (NEW_CLIENTS.contains(key) || key.startsWith("tls.")) {
            return "applied to new clients";
        }
        if (key.equals("lifecycle.wake_timeout")) {
            return "applied to new wakes";
        }
        if (key.startsWith("server.")) {
            return "applied to new server connections";
        }
        if (key.equals("shutdown_timeout")) {
            return ConfigChange.APPLIED;
        }
        return ConfigChange.RESTART_REQUIRED;
    }
}
