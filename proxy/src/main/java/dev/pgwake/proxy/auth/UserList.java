package dev.pgwake.proxy.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Users and their secrets in PgBouncer's {@code userlist.txt} format: one {@code "user" "secret"}
 * per line, both double-quoted with {@code ""} standing for a literal quote, anything after the
 * secret ignored; blank lines and lines starting with {@code ;} or {@code #} are skipped. A user may
 * appear only once. Immutable and thread-safe.
 */
public final class UserList {

    private final Map<String, Secret> secrets;

    private UserList(Map<String, Secret> secrets) {
        this.secrets = Collections.unmodifiableMap(secrets);
    }

    /**
     * @throws IllegalArgumentException naming the line of the first malformed entry (the message
     *     never contains a secret)
     */
    public static UserList parse(String text) {
        return parse(text, "userlist");
    }

    /** Reads a UTF-8 file; errors name the file and line. */
    public static UserList load(Path path) throws IOException {
        return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    }

    public Optional<Secret> lookup(String user) {
        return Optional.ofNullable(secrets.get(user));
    }

    public int size() {
        return secrets.size();
    }

    @Override
    public String toString() {
        return "UserList[" + secrets.size() + " users]";
    }

    private static UserList parse(String text, String source) {
        Objects.requireNonNull(text, "text");
        Map<String, Secret> secrets = new LinkedHashMap<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String where = source + " line " + (i + 1) + ": ";
            String[] entry = UserListLine.parse(lines[i], where);
            if (entry == null) {
                continue;
            }
            String user = entry[0];
            if (secrets.containsKey(user)) {
                throw new IllegalArgumentException(where + "duplicate entry for user \"" + user + "\"");
            }
            try {
                secrets.put(user, Secret.parse(user, entry[1]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage());
            }
        }
        return new UserList(secrets);
    }
}
