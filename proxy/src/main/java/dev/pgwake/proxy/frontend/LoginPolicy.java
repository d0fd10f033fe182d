package dev.pgwake.proxy.frontend;

import dev.pgwake.proxy.auth.UserList;
import dev.pgwake.proxy.auth.UserSalts;
import dev.pgwake.proxy.config.AuthConfig;
import dev.pgwake.proxy.config.AuthMethod;
import dev.pgwake.proxy.config.ConfigException;

import java.io.IOException;
import java.util.Optional;

/**
 * How clients authenticate: the configured method and users file; hands out one {@link ClientLogin} per client.
 * A reload swaps both at once for logins that begin afterwards. Thread-safe.
 */
public final class LoginPolicy {
    private record Rules(AuthMethod method, Optional<UserList> users) {
    }

    private final UserSalts mockSalts = new UserSalts();
    private volatile Rules rules;

    public LoginPolicy(AuthMethod method, Optional<UserList> users) {
        this.rules = new Rules(method, users);
    }

    public static LoginPolicy from(AuthConfig config) {
        Rules rules = read(config);
        return new LoginPolicy(rules.method(), rules.users());
    }

    /**
     * Reads the users file again (and takes the method) for logins that begin from now on; returns how many users it
     * holds (0 without a file). Fails with a {@link ConfigException}, changing nothing, when the file cannot be read.
     */
    public int reload(AuthConfig config) {
        Rules next = read(config);
        rules = next;
        return next.users().map(UserList::size).orElse(0);
    }

    private static Rules read(AuthConfig config) {
        if (config.usersFile() == null) {
            return new Rules(config.method(), Optional.empty());
        }
        try {
            return new Rules(config.method(), Optional.of(UserList.load(config.usersFile())));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("auth.users_file " + config.usersFile() + ": " + e.getMessage());
        }
    }

    public ClientLogin begin(String user) {
        Rules now = rules;
        return new ClientLogin(now.method(), user, now.users().flatMap(list -> list.lookup(user)), mockSalts);
    }
}
