package dev.pgwake.proxy.config;

/**
 * One key whose value a reload found changed (as {@link ConfigRows} writes keys and values, secrets redacted), and
 * what became of it: {@code applied}, or why not ({@code restart required}).
 */
public record ConfigChange(String key, String before, String after, String status) {
    public static final String APPLIED = "applied";
    public static final String RESTART_REQUIRED = "restart required";
}
