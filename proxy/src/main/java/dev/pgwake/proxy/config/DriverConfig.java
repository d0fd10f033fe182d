package dev.pgwake.proxy.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code driver:} which compute driver wakes branches. {@code static} maps branches to fixed
 * {@code host:port}s; {@code local} (the default) runs PostgreSQL clusters under {@code data_root};
 * {@code http} asks a control plane at {@code url} to wake and suspend branches.
 */
public record DriverConfig(String kind, Map<String, HostPort> branches, Path dataRoot, Path binDir, String runAs,
                           java.net.URI url) {
    public static final String STATIC = "static";
    public static final String LOCAL = "local";
    public static final String HTTP = "http";

    public DriverConfig {
        kind = kind == null ? (branches == null || branches.isEmpty() ? LOCAL : STATIC) : kind;
        if (!kind.equals(STATIC) && !kind.equals(LOCAL) && !kind.equals(HTTP)) {
            throw new IllegalArgumentException("\"" + kind + "\" is not a driver kind (static, local, http)");
        }
        if (kind.equals(HTTP) && url == null) {
            throw new IllegalArgumentException("the http driver needs driver.url (the control plane's base URL)");
        }
        branches = branches == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(branches));
        branches.forEach((name, address) -> {
            if (address.port() == 0) {
                throw new IllegalArgumentException("branch " + name + ": " + address + " has no port (0 means any free "
                        + "port, which only a listen address can use)");
            }
        });
        if (kind.equals(STATIC) && branches.isEmpty()) {
            throw new IllegalArgumentException("the static driver needs driver.branches (name: host:port)");
        }
        dataRoot = dataRoot == null ? Path.of("pgwake-data") : dataRoot;
    }

    static DriverConfig defaults() {
        return new DriverConfig(null, null, null, null, null, null);
    }
}
