package dev.pgwake.proxy.config;

/** The configuration cannot be used; the message names the file and key. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
