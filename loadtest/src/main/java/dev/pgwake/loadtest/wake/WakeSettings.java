package dev.pgwake.loadtest.wake;

import dev.pgwake.loadtest.branch.AdminConsole;
import dev.pgwake.loadtest.branch.ResumeKind;
import dev.pgwake.loadtest.scenario.Target;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the wake scenario does: which {@code branch} it puts to sleep through the admin console at
 * {@code admin}, which {@code kinds} of wake it measures, {@code repeat} times each after {@code warmup}
 * repetitions that are not counted, how a cold wake is made, where the bare operations run ({@code bare},
 * {@code null} for none), and how long it waits before each wake ({@code pause}), so that none is measured
 * while the one before still does its after-work (pgwake's catalog write and spare shell, a bare copy's removal).
 */
public record WakeSettings(String branch, List<ResumeKind> kinds, int repeat, int warmup, ColdMode coldMode,
                           Target admin, BareSettings bare, Duration pause) {

    public WakeSettings {
        AdminConsole.checkBranchName(branch);
        kinds = List.copyOf(kinds);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no resume kinds to measure");
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, not " + repeat);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must not be negative, not " + warmup);
        }
        Objects.requireNonNull(coldMode, "coldMode");
        Objects.requireNonNull(admin, "admin");
        if (pause.isNegative()) {
            throw new IllegalArgumentException("pause must not be negative, not " + pause);
        }
    }
}
