package dev.pgwake.loadtest.cli;

import dev.pgwake.loadtest.branch.PgwakeUrls;
import dev.pgwake.loadtest.scenario.Target;
import picocli.CommandLine.Option;

/** Where pgwake's admin console is, for the scenarios that drive branches. */
public final class AdminOptions {
    @Option(names = "--admin-url", paramLabel = "JDBC_URL", order = 20,
            description = "pgwake's admin console (default: the --url's host and port, database pgwake; user "
                    + "--user, else postgres)")
    String adminUrl;

    /** The console's target: --admin-url with the branch target's login, else the console beside the branch. */
    Target admin(Target branch) {
        return adminUrl == null ? PgwakeUrls.adminBeside(branch)
                : new Target(adminUrl, branch.user() == null ? "postgres" : branch.user(), branch.password());
    }
}
