package dev.pgwake.proxy.frontend;

import dev.pgwake.routing.StartupOptions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The run-time settings a client's startup packet asks for: every parameter but the ones that choose the
 * connection, and the {@code -c name=value} switches inside {@code options}. Server connections are opened
 * without them (they are shared); each client's are applied on whichever connection serves it.
 */
final class StartupSettings {
    private static final Set<String> NOT_SETTINGS = Set.of("user", "database", "options", "replication");

    private StartupSettings() {
    }

    static Map<String, String> of(Map<String, String> forwardedParameters) {
        Map<String, String> settings = new LinkedHashMap<>();
        forwardedParameters.forEach((name, value) -> {
            if (!NOT_SETTINGS.contains(name)) {
                settings.put(name, value);
            }
        });
        String options = forwardedParameters.get("options");
        if (options != null) {
            settings.putAll(StartupOptions.settings(options));
        }
        return settings;
    }
}
