package dev.pgwake.proxy.auth;

import java.util.Objects;

/** A password stored as itself (PgBouncer's userlist allows it; PostgreSQL 10+ no longer does). */
public record PlainSecret(String password) implements Secret {

    public PlainSecret {
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "PlainSecret[password=<redacted>]";
    }
}
