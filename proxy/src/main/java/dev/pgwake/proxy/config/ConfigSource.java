package dev.pgwake.proxy.config;

/**
 * Where RELOAD (the console, {@code POST /reload}, SIGHUP) reads the configuration again: the file pgwake was started
 * with, with the command line's overrides applied the same way.
 */
@FunctionalInterface
public interface ConfigSource {
    /** The configuration as it reads now; fails with a {@link ConfigException} naming the problem. */
    ProxyConfig load();

    /** For a pgwake started without a file: every reload fails, saying so. */
    static ConfigSource none() {
        return () -> {
            throw new ConfigException("pgwake was started without a configuration file (-c FILE): there is nothing "
                    + "to reload");
        };
    }
}
