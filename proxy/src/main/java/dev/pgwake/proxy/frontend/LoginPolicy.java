package dev.pgwake.proxy.frontend;

import dev.pgwake.proxy.auth.UserList;
import dev.pgwake.proxy.auth.UserSalts;
import dev.pgwake.proxy.config.AuthConfig;
import dev.pgwake.proxy.config.AuthMethod;
import dev.pgwake.proxy.config.ConfigException;

import java.io.IOException;
import java.util.Optional;

/** How clients authenticate: the configured method and users file; hands out one {@link ClientLogin} per client. */
public final class LoginPolicy {
    private final AuthMethod method;
    private final Optional<UserList> users;
    private final UserSalts mockSalts = new UserSalts();

    public LoginPolicy(AuthMethod method, Optional<UserList> users) {
        this.method = method;
        this.users = users;
    }

    public static LoginPolicy from(AuthConfig config) {
        if (config.usersFile() == null) {
            return new LoginPolicy(config.method(), Optional.empty());
        }
        try {
            return new LoginPolicy(config.method(), Optional.of(UserList.load(config.usersFile())));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("auth.users_file " + config.usersFile() + ": " + e.getMessage());
        }
    }

    public ClientLogin begin(String user) {
        return new ClientLogin(method, user, users.flatMap(list -> list.lookup(user)), mockSalts);
    }
}
