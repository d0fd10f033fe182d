package dev.pgwake.proxy.it;

import dev.pgwake.lifecycle.BranchListener;
import dev.pgwake.lifecycle.BranchState;
import dev.pgwake.lifecycle.LifecycleException;
import dev.pgwake.lifecycle.ResumeKind;
import dev.pgwake.lifecycle.Wake;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a {@link dev.pgwake.lifecycle.Branches} tells its listeners, recorded for assertions: the wakes that had
 * to do something (their kind) and state changes. Events arrive asynchronously but in order, so wait for them
 * ({@link Await}) rather than read them at once. Thread-safe.
 */
final class BranchEvents implements BranchListener {
    private record Resume(String branch, ResumeKind kind) {
    }

    private record Change(String branch, BranchState to) {
    }

    private final List<Resume> resumes = new CopyOnWriteArrayList<>();
    private final List<Change> changes = new CopyOnWriteArrayList<>();

    @Override
    public void woke(String branch, Wake wake, LifecycleException failure) {
        if (wake != null && wake.kind() != ResumeKind.NONE) {
            resumes.add(new Resume(branch, wake.kind()));
        }
    }

    @Override
    public void stateChanged(String branch, BranchState from, BranchState to) {
        changes.add(new Change(branch, to));
    }

    /** The kinds of {@code branch}'s resumes heard so far, in order (the wake of a running branch is no resume). */
    List<ResumeKind> resumes(String branch) {
        return resumes.stream().filter(r -> r.branch().equals(branch)).map(Resume::kind).toList();
    }

    /** The states {@code branch} entered, in order. */
    List<BranchState> states(String branch) {
        return changes.stream().filter(c -> c.branch().equals(branch)).map(Change::to).toList();
    }
}
