package dev.pgwake.loadtest.wake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The other URLs the wake scenario derives from the branch's: pgwake's admin console beside it, and the bare
 * server, which gets the branch URL's client parameters (sslmode, query mode...) so that both sides connect
 * the same way.
 */
final class WakeUrls {
    private static final Pattern URL = Pattern.compile("^jdbc:postgresql:(//[^/?]*)?(/?[^?]*)(\\?.*)?$");

    private WakeUrls() {
    }

    /**
     * The admin console's URL next to a branch's: same hosts and parameters, database {@code pgwake},
     * without {@code options} (the branch choice) and {@code preferQueryMode} (the console needs simple).
     */
    static String admin(String branchUrl) {
        Matcher m = parse(branchUrl, "give --admin-url");
        String hosts = m.group(1) == null ? "" : m.group(1);
        return "jdbc:postgresql:" + hosts + (hosts.isEmpty() ? "" : "/") + AdminConsole.DATABASE
                + query(m, Set.of("options", "preferquerymode"));
    }

    /**
     * The bare server at 127.0.0.1:{@code port}, database {@code postgres}, with the branch URL's parameters
     * but those that choose the branch or the login ({@code options}, {@code user}, {@code password}).
     */
    static String bare(String branchUrl, int port) {
        Matcher m = parse(branchUrl, "cannot copy its parameters to the bare server's");
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres" + query(m, Set.of("options", "user", "password"));
    }

    private static Matcher parse(String url, String hint) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read the JDBC URL " + url + ": " + hint);
        }
        return m;
    }

    /** {@code ?a=1&b=2} without the parameters named in {@code dropped} (lower case), or empty. */
    private static String query(Matcher m, Set<String> dropped) {
        List<String> kept = new ArrayList<>();
        if (m.group(3) != null) {
            for (String pair : m.group(3).substring(1).split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (!pair.isEmpty() && !dropped.contains(name.toLowerCase(Locale.ROOT))) {
                    kept.add(pair);
                }
            }
        }
        return kept.isEmpty() ? "" : "?" + String.join("&", kept);
    }
}
