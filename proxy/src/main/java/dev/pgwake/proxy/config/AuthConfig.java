package dev.pgwake.proxy.config;

import java.nio.file.Path;

/** {@code auth:} how clients authenticate to pgwake, and the users file (PgBouncer's userlist.txt format). */
public record AuthConfig(AuthMethod method, Path usersFile) {
    public AuthConfig {
        method = method == null ? (usersFile == null ? AuthMethod.TRUST : AuthMethod.SCRAM_SHA_256) : method;
        if (method != AuthMethod.TRUST && usersFile == null) {
            throw new IllegalArgumentException("auth.method " + method + " needs auth.users_file");
        }
    }

    static AuthConfig defaults() {
        return new AuthConfig(null, null);
    }
}
