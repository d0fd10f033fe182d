package dev.pgwake.loadtest.wake;

import dev.pgwake.loadtest.scenario.JdbcUrl;
import java.util.Set;

/**
 * The bare server's URL, derived from the branch's: it gets the branch URL's client parameters (sslmode,
 * query mode...) so that both sides connect the same way.
 */
final class WakeUrls {
    private WakeUrls() {
    }

    /**
     * The bare server at 127.0.0.1:{@code port}, database {@code postgres}, with the branch URL's parameters
     * but those that choose the branch or the login ({@code options}, {@code user}, {@code password}).
     */
    static String bare(String branchUrl, int port) {
        return JdbcUrl.parse(branchUrl, "cannot copy its parameters to the bare server's")
                .withHost("127.0.0.1", port).withDatabase("postgres")
                .without(Set.of("options", "user", "password")).toString();
    }
}
