package dev.pgwake.loadtest.wake;

import dev.pgwake.loadtest.branch.ResumeKind;

/**
 * One way of waking a compute, timed to the first row: through pgwake ({@link PgwakeSide}) or the bare
 * server operation it stands on ({@link BareSide}).
 */
interface WakeSide extends AutoCloseable {

    /** {@code pgwake} or {@code bare}, as the report names the side. */
    String name();

    /**
     * Puts the compute into the state {@code kind} resumes from (not timed), then wakes it and returns the
     * nanoseconds from the start of the wake to the first row.
     *
     * @throws WakeFailure when a step failed or the wake was not of this kind; the repetition counts as an error
     */
    long wake(ResumeKind kind) throws WakeFailure, InterruptedException;

    @Override
    void close();
}
