package dev.pgwake.proxy.config;

/**
 * {@code http:} the operator's HTTP listener: health probes, Prometheus metrics and branch operations as JSON.
 * On loopback it needs no token; anywhere else {@code token} is required, and then every request must carry
 * {@code Authorization: Bearer <token>}.
 */
public record HttpConfig(HostPort listen, Boolean enabled, String token) {
    public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 8432);

    public HttpConfig {
        listen = listen == null ? DEFAULT_LISTEN : listen;
        enabled = enabled == null ? Boolean.TRUE : enabled;
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("http.token is empty: give a secret, or leave the key out on loopback");
        }
        if (enabled && token == null && !listen.isLoopback()) {
            throw new IllegalArgumentException("http.listen " + listen + " is not a loopback address: set http.token "
                    + "(clients then send Authorization: Bearer <token>), or listen on loopback");
        }
    }

    static HttpConfig defaults() {
        return new HttpConfig(null, null, null);
    }

    /** True when {@code token} is configured: requests must present it. */
    public boolean requiresToken() {
        return token != null;
    }

    @Override
    public String toString() {
        return "HttpConfig[listen=" + listen + ", enabled=" + enabled + ", token="
                + (token == null ? "none" : "<redacted>")
                + "]";
    }
}
