package dev.pgwake.routing;

/** Thrown by {@link BranchName#of} for a string that is not a valid branch name. */
public final class InvalidBranchNameException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidBranchNameException(String message) {
        super(message);
    }
}
