package dev.pgwake.loadtest.branch;

/**
 * The columns of one SHOW BRANCHES row the scenario reads: the branch, its state, and how its last wake
 * resumed it ({@code hot}, {@code warm}, {@code cold}, {@code none}; {@code null} before any).
 */
public record BranchRow(String name, String state, String lastResume) {
}
