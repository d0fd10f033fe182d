package dev.pgwake.proxy.auth;

import java.util.Objects;

/**
 * What pgwake knows about a user's password: a SCRAM-SHA-256 secret, an MD5 hash, or the password
 * itself, in the forms PostgreSQL keeps in {@code pg_authid.rolpassword} and PgBouncer reads from
 * {@code userlist.txt}. Implementations never print the secret in {@code toString()}.
 */
public sealed interface Secret permits ScramSecret, Md5Secret, PlainSecret {

    /**
     * Parses a stored password the way PostgreSQL classifies {@code rolpassword}:
     * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} is a {@link ScramSecret},
     * {@code md5} followed by 32 lowercase hex digits is an {@link Md5Secret}, anything else is a
     * {@link PlainSecret}.
     *
     * <p>Unlike PostgreSQL, which silently treats a malformed SCRAM secret as a plain password, a
     * value that starts with {@code SCRAM-SHA-256$} but does not parse is rejected: it is almost
     * certainly a damaged secret, not a password.
     *
     * @param user the user the secret belongs to, named in the error message
     * @throws IllegalArgumentException for a malformed SCRAM secret; the message never holds the secret
     */
    static Secret parse(String user, String stored) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(stored, "stored");
        if (stored.startsWith(ScramSecret.PREFIX)) {
            ScramSecret scram = ScramSecret.parse(stored);
            if (scram == null) {
                throw new IllegalArgumentException(
                        "malformed SCRAM-SHA-256 secret for user \"" + user + "\"");
            }
            return scram;
        }
        if (Md5Secret.isEncoded(stored)) {
            return new Md5Secret(stored.substring(Md5Secret.PREFIX.length()));
        }
        return new PlainSecret(stored);
    }
}
