package dev.pgwake.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Connect the client to {@code branch}, logging in as {@code user} to {@code database}, and send
 * the server {@code forwardedParameters} (the client's parameters with routing tokens removed, in
 * the client's order, always including {@code user} and {@code database}).
 */
public record Route(
        BranchName branch,
        BranchSource source,
        String user,
        String database,
        Map<String, String> forwardedParameters) implements RoutingDecision {

    /** Copies {@code forwardedParameters} into an unmodifiable map that keeps their order (none: the shared empty map). */
    public Route {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(database, "database");
        forwardedParameters = Objects.requireNonNull(forwardedParameters, "forwardedParameters").isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(forwardedParameters));
    }
}
