package dev.pgwake.loadtest.wake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the bare operations run: a throwaway cluster is created in a fresh directory under
 * {@code dataDir}, with the PostgreSQL programs in {@code bin}, as OS user {@code user} when loadtest runs as
 * root (PostgreSQL refuses root).
 */
public record BareSettings(Path dataDir, Path bin, String user) {
    static final String[] PROGRAMS = {"initdb", "postgres", "pg_ctl"};

    public BareSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bin, "bin");
        Objects.requireNonNull(user, "user");
    }

    /** Why the bare operations cannot run (a program missing), or empty when they can. */
    public Optional<String> missingProgram() {
        for (String program : PROGRAMS) {
            if (!Files.isExecutable(bin.resolve(program))) {
                return Optional.of("no executable " + bin.resolve(program));
            }
        }
        return Optional.empty();
    }
}
