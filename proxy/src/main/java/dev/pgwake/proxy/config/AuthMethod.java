package dev.pgwake.proxy.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/** How clients prove who they are to pgwake. */
public enum AuthMethod {
    SCRAM_SHA_256("scram-sha-256"), MD5("md5"), TRUST("trust");

    private final String configName;

    AuthMethod(String configName) {
        this.configName = configName;
    }

    @JsonCreator
    public static AuthMethod parse(String text) {
        for (AuthMethod method : values()) {
            if (method.configName.equalsIgnoreCase(text.trim())) {
                return method;
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not an auth method (scram-sha-256, md5, trust)");
    }

    @Override
    public String toString() {
        return configName;
    }
}
