package dev.pgwake.loadtest.wake;

import java.util.Locale;

/** How the scenario makes a cold wake happen through pgwake. */
public enum ColdMode {
    /** {@code ARCHIVE BRANCH b}, then connect to {@code b}: pgwake restores it from storage. */
    ARCHIVE,
    /**
     * Connect to a branch that does not exist yet ({@code wake-<n>}, through {@code options=--branch=...}):
     * pgwake creates it from its parent while the client waits; it is dropped afterwards.
     */
    NEW_BRANCH;

    /** {@code archive} or {@code new-branch}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ColdMode parse(String text) {
        for (ColdMode m : values()) {
            if (m.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a cold mode (archive, new-branch)");
    }
}
