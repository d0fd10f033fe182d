package dev.pgwake.proxy.config;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code admin:} who may use the admin console (the virtual database {@code pgwake}). Without
 * {@code users}, the default follows {@code auth.method}: under trust (the no-configuration mode, loopback
 * only) the user {@value #TRUSTED_ADMIN} is an admin, as the local superuser is in a fresh PostgreSQL;
 * with a password method nobody is, until listed.
 */
public record AdminConfig(List<String> users) {
    public static final String TRUSTED_ADMIN = "postgres";

    public AdminConfig {
        if (users != null) {
            List<String> checked = new ArrayList<>(users.size());
            for (String user : users) {
                if (user == null || user.isBlank()) {
                    throw new IllegalArgumentException("admin.users holds an empty user name");
                }
                checked.add(user);
            }
            users = List.copyOf(checked);
        }
    }

    /** This section with {@code users} filled in: as written, or the default for the auth method. */
    AdminConfig resolvedFor(AuthMethod method) {
        if (users != null) {
            return this;
        }
        return new AdminConfig(method == AuthMethod.TRUST ? List.of(TRUSTED_ADMIN) : List.of());
    }

    public boolean isAdmin(String user) {
        return users != null && users.contains(user);
    }

    static AdminConfig defaults() {
        return new AdminConfig(null);
    }
}
