package dev.pgwake.routing;

/** Where a {@link Route}'s branch name came from, highest precedence first. */
public enum BranchSource {
    /** A {@code branch=NAME} or {@code --branch=NAME} token in the {@code options} parameter. */
    OPTIONS,
    /** The first label of the TLS server name (SNI). */
    SNI,
    /** A {@code database@NAME} suffix on the {@code database} parameter. */
    DATABASE_SUFFIX,
    /** No source named a branch, so the router's default branch is used. */
    DEFAULT
}
