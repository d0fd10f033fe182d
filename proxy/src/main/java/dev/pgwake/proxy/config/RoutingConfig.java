package dev.pgwake.proxy.config;

/** {@code routing:} the default branch, and the domain under which TLS server names name branches. */
public record RoutingConfig(String defaultBranch, String sniSuffix) {
    public RoutingConfig {
        defaultBranch = defaultBranch == null ? "main" : defaultBranch;
        sniSuffix = sniSuffix == null || sniSuffix.isBlank() ? null : sniSuffix.trim().toLowerCase(java.util.Locale.ROOT);
    }

    static RoutingConfig defaults() {
        return new RoutingConfig(null, null);
    }
}
