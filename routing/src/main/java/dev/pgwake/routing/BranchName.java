package dev.pgwake.routing;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of a branch: 1 to 63 lower-case letters, digits, {@code '-'} and {@code '_'}, starting
 * with a letter or digit. Every instance is valid; {@link #toString()} returns the name itself.
 */
public record BranchName(String value) {

    /** The rule in words, as shown to clients. */
    static final String RULE = "branch names are 1 to 63 characters of lower-case letters, digits,"
            + " '-' and '_', starting with a letter or digit";

    private static final int MAX_LENGTH = 63;
    private static final Pattern VALID =
            Pattern.compile("[a-z0-9][a-z0-9_-]{0," + (MAX_LENGTH - 1) + "}");

    /** Validates {@code value}; throws {@link InvalidBranchNameException} if it breaks the rule. */
    public BranchName {
        Objects.requireNonNull(value, "value");
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new InvalidBranchNameException(problem.get());
        }
    }

    /**
     * Returns the branch named {@code raw}.
     *
     * @throws InvalidBranchNameException if {@code raw} is not a valid branch name
     */
    public static BranchName of(String raw) {
        return new BranchName(raw);
    }

    /** Returns why {@code raw} is not a valid branch name, or empty if it is one. */
    public static Optional<String> problem(String raw) {
        Objects.requireNonNull(raw, "raw");
        if (isValid(raw)) {
            return Optional.empty();
        }
        return Optional.of("invalid branch name " + QuotedValue.of(raw) + ": " + RULE);
    }

    static boolean isValid(String raw) {
        return VALID.matcher(raw).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
