package dev.pgwake.loadtest.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pgjdbc URL taken apart: {@code jdbc:postgresql:[//hosts/]database[?parameters]}, so that other URLs can be
 * derived from it (the admin console beside a branch, a bare server with the same client parameters).
 *
 * @param hosts      {@code h1:1,h2:2}, or empty when the URL names no host ({@code jdbc:postgresql:db})
 * @param database   the database as written, possibly empty
 * @param parameters {@code name=value} pairs as written (not decoded), in order
 */
public record JdbcUrl(String hosts, String database, List<String> parameters) {
    private static final Pattern URL = Pattern.compile("^jdbc:postgresql:(?://([^/?]*))?/?([^?]*)(?:\\?(.*))?$");
    /** PostgreSQL's default port, which pgjdbc assumes when a host names none. */
    static final int DEFAULT_PORT = 5432;

    public JdbcUrl {
        parameters = List.copyOf(parameters);
    }

    /** @throws IllegalArgumentException when {@code url} is not a pgjdbc URL; {@code hint} says what to do */
    public static JdbcUrl parse(String url, String hint) {
        Matcher m = URL.matcher(url == null ? "" : url);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read the JDBC URL " + url + ": " + hint);
        }
        List<String> params = new ArrayList<>();
        if (m.group(3) != null) {
            for (String pair : m.group(3).split("&")) {
                if (!pair.isEmpty()) {
                    params.add(pair);
                }
            }
        }
        return new JdbcUrl(m.group(1) == null ? "" : m.group(1), m.group(2), params);
    }

    /** The same hosts and parameters, another database. */
    public JdbcUrl withDatabase(String name) {
        return new JdbcUrl(hosts, name, parameters);
    }

    /** The same host list replaced by one {@code host:port}. */
    public JdbcUrl withHost(String host, int port) {
        return new JdbcUrl(host + ":" + port, database, parameters);
    }

    /** Without the parameters named in {@code names} (compared ignoring case). */
    public JdbcUrl without(Set<String> names) {
        List<String> kept = new ArrayList<>();
        for (String pair : parameters) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (names.stream().noneMatch(n -> n.equalsIgnoreCase(name))) {
                kept.add(pair);
            }
        }
        return new JdbcUrl(hosts, database, kept);
    }

    /** The first host's name ({@code localhost} when the URL names none), without brackets around IPv6. */
    public String firstHost() {
        String first = hosts.isEmpty() ? "localhost" : hosts.split(",")[0];
        if (first.startsWith("[")) {
            return first.substring(1, first.indexOf(']'));
        }
        int colon = first.lastIndexOf(':');
        return colon < 0 ? first : first.substring(0, colon);
    }

    /** The first host's port; {@value #DEFAULT_PORT} when it names none. */
    public int firstPort() {
        String first = hosts.isEmpty() ? "" : hosts.split(",")[0];
        int colon = first.lastIndexOf(':');
        if (colon < 0 || first.endsWith("]")) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(first.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port in " + first + " is not a number");
        }
    }

    @Override
    public String toString() {
        String query = parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
        if (hosts.isEmpty()) {
            return "jdbc:postgresql:" + database + query;
        }
        return "jdbc:postgresql://" + hosts + "/" + database + query;
    }
}
