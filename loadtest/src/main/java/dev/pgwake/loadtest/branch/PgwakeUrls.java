package dev.pgwake.loadtest.branch;

import dev.pgwake.loadtest.scenario.JdbcUrl;
import dev.pgwake.loadtest.scenario.Target;
import java.net.URI;
import java.util.Set;

/** Where pgwake's admin interfaces are, derived from a branch's URL when not given. */
public final class PgwakeUrls {
    /** pgwake's default HTTP port ({@code http.listen: 127.0.0.1:8432}). */
    public static final int HTTP_PORT = 8432;

    private PgwakeUrls() {
    }

    /**
     * The admin console's URL next to a branch's: same hosts and parameters, database {@code pgwake},
     * without {@code options} (the branch choice) and {@code preferQueryMode} (the console needs simple).
     */
    public static String admin(String branchUrl) {
        return JdbcUrl.parse(branchUrl, "give --admin-url").withDatabase(AdminConsole.DATABASE)
                .without(Set.of("options", "preferQueryMode")).toString();
    }

    /**
     * The admin console's target beside the branch's: its URL with database pgwake, the same login, user
     * {@code postgres} when none was given.
     */
    public static Target adminBeside(Target branch) {
        return new Target(admin(branch.url()), branch.user() == null ? "postgres" : branch.user(), branch.password());
    }

    /** pgwake's HTTP listener on the branch URL's first host, default port: {@code http://127.0.0.1:8432}. */
    public static URI httpBeside(String branchUrl) {
        String host = JdbcUrl.parse(branchUrl, "give --http-url").firstHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + HTTP_PORT);
    }
}
