package dev.pgwake.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client asked for: its StartupMessage parameters in the order it sent them, and the TLS
 * SNI host name if it used TLS and sent one.
 *
 * @param startupParameters name to value, copied into an unmodifiable map that keeps the order
 * @param sniHostName the TLS server name, or empty
 */
public record RouteRequest(Map<String, String> startupParameters, Optional<String> sniHostName) {

    /** Copies the parameters; null maps, names or values are rejected with a NullPointerException. */
    public RouteRequest {
        Objects.requireNonNull(startupParameters, "startupParameters");
        Objects.requireNonNull(sniHostName, "sniHostName");
        Map<String, String> copy = new LinkedHashMap<>();
        startupParameters.forEach((name, value) -> copy.put(
                Objects.requireNonNull(name, "startup parameter name"),
                Objects.requireNonNull(value, () -> "value of startup parameter " + name)));
        startupParameters = Collections.unmodifiableMap(copy);
    }
}
