package dev.pgwake.loadtest.stats;

/**
 * Compute time a fleet of branches used against keeping every one always on, over the same period: pgwake
 * counts per branch how long its compute was up ({@code computeSeconds}) out of the time it counted
 * ({@code wallSeconds}, the always-on figure); the saving is the share of wall time the computes were down.
 */
public record ComputeSaving(int branches, double computeSeconds, double wallSeconds) {

    public ComputeSaving {
        if (branches < 0 || computeSeconds < 0 || wallSeconds < 0) {
            throw new IllegalArgumentException("negative compute figures: " + branches + " branches, " + computeSeconds
                    + " s compute, " + wallSeconds + " s wall");
        }
    }

    /** The change between two readings of the same branches' counters. */
    public static ComputeSaving between(ComputeSaving earlier, ComputeSaving later) {
        return new ComputeSaving(later.branches, Math.max(0, later.computeSeconds - earlier.computeSeconds),
                Math.max(0, later.wallSeconds - earlier.wallSeconds));
    }

    /** Percent of always-on time saved, 0 to 100; 0 when no time was counted. */
    public double savedPercent() {
        if (wallSeconds <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(100, 100 * (1 - computeSeconds / wallSeconds)));
    }

    /** Computes up on average over the period (compute seconds per wall second per branch, times branches). */
    public double averageUp() {
        return wallSeconds <= 0 ? 0 : branches * computeSeconds / wallSeconds;
    }
}
