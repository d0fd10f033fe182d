package dev.pgwake.loadtest.cli;

import dev.pgwake.loadtest.scenario.Target;
import picocli.CommandLine.Option;

/** Where a scenario connects: URL, user and password, shared by every command that talks to a target. */
public final class TargetOptions {
    @Option(names = "--url", required = true, paramLabel = "JDBC_URL", order = 1,
            description = "PostgreSQL to connect to: direct, PgBouncer or pgwake, e.g. "
                    + "jdbc:postgresql://127.0.0.1:6432/postgres?sslmode=disable")
    String url;

    @Option(names = "--user", paramLabel = "NAME", order = 2, description = "user name (default: from the URL, else the OS user)")
    String user;

    @Option(names = "--password", paramLabel = "SECRET", order = 3, defaultValue = "${env:PGPASSWORD}",
            description = "password (default: $PGPASSWORD)")
    String password;

    /** @throws IllegalArgumentException if the URL is not usable */
    Target target() {
        return new Target(url, user, password);
    }
}
