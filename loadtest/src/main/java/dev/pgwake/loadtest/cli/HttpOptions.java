package dev.pgwake.loadtest.cli;

import dev.pgwake.loadtest.branch.MetricsEndpoint;
import dev.pgwake.loadtest.branch.PgwakeUrls;
import dev.pgwake.loadtest.scenario.Target;
import java.net.URI;
import picocli.CommandLine.Option;

/** Where pgwake's HTTP listener is, for the scenarios that read its {@code /metrics}. */
public final class HttpOptions {
    @Option(names = "--http-url", paramLabel = "URL", order = 21,
            description = "pgwake's HTTP listener, whose /metrics gives wake counters and compute seconds (default: "
                    + "http://HOST:" + PgwakeUrls.HTTP_PORT + " on the --url's first host)")
    URI httpUrl;

    @Option(names = "--http-token", paramLabel = "SECRET", order = 22, defaultValue = "${env:PGWAKE_HTTP_TOKEN}",
            description = "bearer token for the HTTP listener, when pgwake sets http.token (default: $PGWAKE_HTTP_TOKEN)")
    String token;

    MetricsEndpoint metrics(Target branch) {
        return new MetricsEndpoint(httpUrl == null ? PgwakeUrls.httpBeside(branch.url()) : httpUrl, token);
    }
}
