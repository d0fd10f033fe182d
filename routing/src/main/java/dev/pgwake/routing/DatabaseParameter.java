package dev.pgwake.routing;

import java.util.Optional;

/**
 * The {@code database} startup parameter, split into the database to forward and the branch named
 * by an {@code @NAME} suffix, if any. The split is at the last {@code @}: {@code a@b@c} is database
 * {@code a@b} on branch {@code c}.
 *
 * @param database what to send the server as {@code database}
 * @param branch the text after the last {@code @}, unvalidated, or empty if there is no {@code @}
 */
record DatabaseParameter(String database, Optional<String> branch) {

    /**
     * Reads {@code given}, the client's {@code database} value or {@code ""} if it sent none. Like
     * PostgreSQL, a missing or empty database means the user's name; that default is used as is,
     * never split at an {@code @}, since user names such as {@code alice@corp} are common.
     */
    static DatabaseParameter parse(String given, String user) throws RoutingRejection {
        if (given.isEmpty()) {
            return new DatabaseParameter(user, Optional.empty());
        }
        int at = given.lastIndexOf('@');
        if (at < 0) {
            return new DatabaseParameter(given, Optional.empty());
        }
        if (at == 0) {
            throw new RoutingRejection(SqlState.INVALID_CATALOG_NAME, "database name " + QuotedValue.of(given)
                    + " has no database before the \"@\"; write DATABASE@BRANCH, for example appdb@main");
        }
        return new DatabaseParameter(given.substring(0, at), Optional.of(given.substring(at + 1)));
    }
}
