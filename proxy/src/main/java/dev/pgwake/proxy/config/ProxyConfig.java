package dev.pgwake.proxy.config;

import java.time.Duration;

/**
 * The whole configuration, one YAML file. Every key has a default; an empty file (or none) gives the
 * embedded default: listen on 127.0.0.1:6432, trust loopback clients (and make {@code postgres} an admin of
 * the console), the local driver under ./pgwake-data, the HTTP listener on 127.0.0.1:8432. {@code shutdown_timeout}
 * bounds a graceful shutdown (SIGTERM) from the moment pgwake stops accepting clients.
 */
public record ProxyConfig(HostPort listen, Duration startupTimeout, ByteSize maxFrameSize, TlsConfig tls,
                          RoutingConfig routing, AuthConfig auth, DriverConfig driver, ServerConfig server,
                          LifecycleConfig lifecycle, AdminConfig admin, PoolConfig pool, HttpConfig http, Duration shutdownTimeout) {
    public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 6432);

    public ProxyConfig {
        listen = listen == null ? DEFAULT_LISTEN : listen;
        startupTimeout = startupTimeout == null ? Duration.ofSeconds(10) : startupTimeout;
        if (startupTimeout.isZero()) {
            throw new IllegalArgumentException("startup_timeout cannot be off: a client that never logs in would hold "
                    + "its connection forever (PostgreSQL's authentication_timeout is at least 1s too)");
        }
        maxFrameSize = maxFrameSize == null ? new ByteSize(64L << 20) : maxFrameSize;
        if (maxFrameSize.bytes() < 1024 || maxFrameSize.bytes() > 0x3fffffffL) {
            throw new IllegalArgumentException("max_frame_size " + maxFrameSize.bytes()
                    + " bytes is out of range: it must be at least 1kB and less than 1GB");
        }
        tls = tls == null ? TlsConfig.defaults() : tls;
        routing = routing == null ? RoutingConfig.defaults() : routing;
        auth = auth == null ? AuthConfig.defaults() : auth;
        driver = driver == null ? DriverConfig.defaults() : driver;
        server = server == null ? ServerConfig.defaults() : server;
        lifecycle = lifecycle == null ? LifecycleConfig.defaults() : lifecycle;
        pool = pool == null ? PoolConfig.defaults() : pool;
        admin = (admin == null ? AdminConfig.defaults() : admin).resolvedFor(auth.method());
        http = http == null ? HttpConfig.defaults() : http;
        shutdownTimeout = shutdownTimeout == null ? Duration.ofSeconds(30) : shutdownTimeout;
        if (auth.method() == AuthMethod.TRUST && !listen.isLoopback()) {
            throw new IllegalArgumentException("listen " + listen + " is not a loopback address: auth.method trust is "
                    + "only allowed on loopback; set auth.users_file and a password method");
        }
    }

    public static ProxyConfig defaults() {
        return new ProxyConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
