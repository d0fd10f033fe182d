package dev.pgwake.proxy.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code server:} how pgwake logs in to the branch servers. pgwake never replays a client's password:
 * it uses {@code user} (default: the client's user name) and the password configured here, per user
 * in {@code passwords} or for everyone in {@code password}.
 */
public record ServerConfig(Duration connectTimeout, String user, String password, Map<String, String> passwords) {
    public ServerConfig {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        if (connectTimeout.isZero()) {
            throw new IllegalArgumentException("server.connect_timeout cannot be off: a login to a server that never "
                    + "answers would wait forever");
        }
        passwords = passwords == null ? Map.of() : Map.copyOf(passwords);
    }

    static ServerConfig defaults() {
        return new ServerConfig(null, null, null, null);
    }

    public String serverUser(String clientUser) {
        return user == null ? clientUser : user;
    }

    public Optional<String> passwordFor(String serverUser) {
        return Optional.ofNullable(passwords.getOrDefault(serverUser, password));
    }

    @Override
    public String toString() {
        return "ServerConfig[connectTimeout=" + connectTimeout + ", user=" + user + ", passwords=<redacted>]";
    }
}
