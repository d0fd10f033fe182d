package dev.pgwake.routing;

/**
 * One source's say on the branch, before validation, with the words used to describe it in
 * error messages.
 */
record BranchClaim(BranchSource source, String name) {

    /** Checks the name, naming this source in the error. */
    BranchName validated() throws RoutingRejection {
        if (!BranchName.isValid(name)) {
            throw new RoutingRejection(SqlState.INVALID_CATALOG_NAME, "invalid branch name "
                    + QuotedValue.of(name) + " in " + subject() + ": " + BranchName.RULE);
        }
        return new BranchName(name);
    }

    /** The rejection for a client whose lower-precedence {@code other} claim disagrees with this one. */
    RoutingRejection conflictWith(BranchClaim other) {
        String detail = source == other.source
                ? subject() + " name both " + QuotedValue.of(name) + " and " + QuotedValue.of(other.name)
                : says() + " but " + other.says();
        return new RoutingRejection(
                SqlState.SQLSERVER_REJECTED_ESTABLISHMENT_OF_SQLCONNECTION, "conflicting branch names: " + detail);
    }

    private String says() {
        String verb = source == BranchSource.OPTIONS ? " say " : " says ";
        return subject() + verb + QuotedValue.of(name);
    }

    private String subject() {
        return switch (source) {
            case OPTIONS -> "options";
            case SNI -> "the TLS server name";
            case DATABASE_SUFFIX -> "the database name";
            case DEFAULT -> "the default branch";
        };
    }
}
