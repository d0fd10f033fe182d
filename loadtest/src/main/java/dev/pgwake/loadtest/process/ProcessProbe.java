package dev.pgwake.loadtest.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * One process seen through {@code /proc/<pid>}: CPU time (user + system, all threads), resident memory
 * (VmRSS), open files and the open-file limit. Every read throws {@link UncheckedIOException} once the
 * process is gone.
 */
public final class ProcessProbe {
    /**
     * Clock ticks per second in {@code /proc/<pid>/stat}: the kernel's USER_HZ, which is 100 on every Linux
     * architecture user space sees ({@code getconf CLK_TCK}).
     */
    public static final long TICKS_PER_SECOND = 100;

    private final long pid;
    private final Path dir;

    public ProcessProbe(long pid) {
        this(pid, Path.of("/proc"));
    }

    ProcessProbe(long pid, Path procRoot) {
        if (pid <= 0) {
            throw new IllegalArgumentException("not a process id: " + pid);
        }
        this.pid = pid;
        this.dir = procRoot.resolve(Long.toString(pid));
    }

    public static ProcessProbe self() {
        return new ProcessProbe(ProcessHandle.current().pid());
    }

    public long pid() {
        return pid;
    }

    public boolean exists() {
        return Files.isDirectory(dir);
    }

    /** Name of the program (the {@code comm} field), e.g. {@code pgbouncer} or {@code java}. */
    public String command() {
        return ProcText.command(read("stat"));
    }

    /** The process state letter from {@code stat}: {@code T} when stopped by SIGSTOP, {@code Z} for a zombie. */
    public char state() {
        return ProcText.state(read("stat"));
    }

    /** CPU time used so far, user plus system, in microseconds. */
    public long cpuMicros() {
        return ProcText.cpuTicks(read("stat")) * (1_000_000 / TICKS_PER_SECOND);
    }

    public long rssBytes() {
        return ProcText.rssBytes(read("status"));
    }

    public ProcText.Limit openFileLimit() {
        return ProcText.openFileLimit(read("limits"));
    }

    public long openFiles() {
        try (Stream<Path> fds = Files.list(dir.resolve("fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the open files of process " + pid, e);
        }
    }

    /** CPU time and memory now. */
    public Sample sample() {
        return new Sample(System.nanoTime(), cpuMicros(), rssBytes());
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(file) + " (has process " + pid + " exited?)", e);
        }
    }

    /** A process's CPU time (microseconds) and resident memory at one moment ({@code nanoTime}). */
    public record Sample(long atNanos, long cpuMicros, long rssBytes) {
        /** CPU microseconds used between {@code earlier} and this sample. */
        public long cpuMicrosSince(Sample earlier) {
            return cpuMicros - earlier.cpuMicros;
        }
    }
}
