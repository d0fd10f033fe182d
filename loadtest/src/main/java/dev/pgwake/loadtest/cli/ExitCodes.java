package dev.pgwake.loadtest.cli;

/** What the process exit code says. */
public final class ExitCodes {
    /** The run completed and nothing failed. */
    public static final int OK = 0;
    /** The run completed, reports were written, and some operations failed (see the error table). */
    public static final int ERRORS = 1;
    /** The command line was wrong (picocli's own code for that). */
    public static final int USAGE = 2;
    /** Nothing was measured: the target was unreachable, tables were missing, or the scenario does not exist yet. */
    public static final int CANNOT_RUN = 3;

    private ExitCodes() {
    }
}
