package dev.pgwake.routing;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which TLS server names (SNI) name a branch, and which label does. A name counts if it has a dot,
 * is not an IP literal and, when a suffix is configured, ends with {@code "." + suffix}; its first
 * label, lower-cased, is the branch. {@code feature-x.db.example.com} with suffix
 * {@code db.example.com} names {@code feature-x}.
 */
final class ServerNameRule {

    /** Empty, or the configured suffix lower-cased with a leading dot: {@code ".db.example.com"}. */
    private final Optional<String> dottedSuffix;

    ServerNameRule(Optional<String> suffix) {
        Objects.requireNonNull(suffix, "suffix");
        this.dottedSuffix = suffix.map(ServerNameRule::dottedSuffix);
    }

    /** The branch label of {@code hostName}, or empty if this host name does not name a branch. */
    Optional<String> branchLabel(String hostName) {
        String host = withoutTrailingDot(hostName.toLowerCase(Locale.ROOT));
        int firstDot = host.indexOf('.');
        if (firstDot < 0 || isIpLiteral(host)) {
            return Optional.empty();
        }
        if (dottedSuffix.isPresent() && !host.endsWith(dottedSuffix.get())) {
            return Optional.empty();
        }
        return Optional.of(host.substring(0, firstDot));
    }

    /**
     * IPv6 literals contain a colon (bracketed or not, with or without a zone); IPv4 literals,
     * including short forms such as {@code 127.1}, are all digits and dots.
     */
    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0 || host.startsWith("[")) {
            return true;
        }
        return host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static String dottedSuffix(String suffix) {
        String trimmed = withoutTrailingDot(suffix.strip().toLowerCase(Locale.ROOT));
        while (trimmed.startsWith(".")) {
            trimmed = trimmed.substring(1);
        }
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(
                    "SNI suffix " + QuotedValue.of(suffix) + " is empty; leave it unset to accept any host name");
        }
        return "." + trimmed;
    }

    private static String withoutTrailingDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
