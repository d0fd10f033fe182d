package dev.pgwake.loadtest.scenario;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The PostgreSQL endpoint under load, as a pgjdbc URL (direct, PgBouncer or pgwake: loadtest cannot tell
 * and does not care), with an optional user and password.
 *
 * <p>Connections get bounded waits unless the URL says otherwise: {@value #CONNECT_TIMEOUT_S} s to connect
 * and {@value #SOCKET_TIMEOUT_S} s for any one read. pgjdbc lets URL parameters win over properties, so a
 * scenario that must set a parameter itself (the query mode) calls {@link #requireUnset} first.
 */
public record Target(String url, String user, String password) {
    static final int CONNECT_TIMEOUT_S = 10;
    static final int SOCKET_TIMEOUT_S = 60;

    public Target {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the URL must start with jdbc:postgresql: (e.g. "
                    + "jdbc:postgresql://127.0.0.1:6432/postgres?sslmode=disable), not " + url);
        }
    }

    /** Opens a connection with the default timeouts and {@code properties} on top. */
    public Connection connect(Map<String, String> properties) throws SQLException {
        Properties p = new Properties();
        p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_S));
        p.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_S));
        p.setProperty("ApplicationName", "pgwake-loadtest");
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        properties.forEach(p::setProperty);
        return DriverManager.getConnection(url, p);
    }

    /** The URL's query parameters (names as written, values decoded). */
    public Map<String, String> urlParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        int q = url.indexOf('?');
        if (q < 0) {
            return params;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    /** Fails when the URL sets one of {@code names}, which {@code owner} must set itself. */
    public void requireUnset(String owner, String... names) throws ScenarioException {
        Map<String, String> params = urlParameters();
        for (String name : names) {
            for (String given : params.keySet()) {
                if (given.equalsIgnoreCase(name)) {
                    throw new ScenarioException("the URL sets " + given + ", which " + owner
                            + " sets itself; remove it from the URL");
                }
            }
        }
    }

    /** The URL with any password parameter replaced by {@code ***}, safe to print and to store in reports. */
    public String redactedUrl() {
        return url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    /** How reports describe the target: the URL (password redacted), the user and sslmode. */
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("url", redactedUrl());
        d.put("user", user == null ? "(from URL or OS)" : user);
        d.put("sslmode", sslMode());
        return d;
    }

    /** {@code sslmode} as the URL sets it, else pgjdbc's default {@code prefer}. */
    public String sslMode() {
        for (Map.Entry<String, String> e : urlParameters().entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals("sslmode")) {
                return e.getValue();
            }
        }
        return "prefer (pgjdbc default)";
    }

    @Override
    public String toString() {
        return "Target[" + redactedUrl() + ", user=" + user + "]";
    }
}
