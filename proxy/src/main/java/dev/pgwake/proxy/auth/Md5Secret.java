package dev.pgwake.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * PostgreSQL's MD5 password hash: {@code hash} is the 32 lowercase hex digits of
 * {@code md5(password + username)}; the stored form ({@link #encode()}) prefixes {@code md5}.
 */
public record Md5Secret(String hash) implements Secret {

    static final String PREFIX = "md5";
    private static final int HEX_LENGTH = 32;

    /** @throws IllegalArgumentException unless {@code hash} is 32 lowercase hex digits */
    public Md5Secret {
        Objects.requireNonNull(hash, "hash");
        if (!isLowerHex(hash)) {
            throw new IllegalArgumentException("an MD5 hash is 32 lowercase hex digits");
        }
    }

    /** The secret PostgreSQL stores for {@code user} with {@code password_encryption = md5}. */
    public static Md5Secret fromPassword(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        return new Md5Secret(md5Hex((password + user).getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code md5} followed by the hash, as in {@code pg_authid.rolpassword}. */
    public String encode() {
        return PREFIX + hash;
    }

    @Override
    public String toString() {
        return "Md5Secret[hash=<redacted>]";
    }

    static boolean isEncoded(String stored) {
        return stored.length() == PREFIX.length() + HEX_LENGTH
                && stored.startsWith(PREFIX)
                && isLowerHex(stored.substring(PREFIX.length()));
    }

    static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(ScramFunctions.digest("MD5").digest(data));
    }

    private static boolean isLowerHex(String s) {
        if (s.length() != HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
