package dev.pgwake.loadtest.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessProbeTest {

    @Test
    void readsAFakeProcDirectory(@TempDir Path proc) throws Exception {
        Path dir = Files.createDirectories(proc.resolve("77"));
        Files.writeString(dir.resolve("stat"), "77 (pgbouncer) S 1 77 77 0 -1 0 0 0 0 0 150 50 0 0 20 0 1 0 1 1 1\n");
        Files.writeString(dir.resolve("status"), "Name:\tpgbouncer\nVmRSS:\t 4096 kB\n");
        Files.createDirectories(dir.resolve("fd"));
        Files.writeString(dir.resolve("fd").resolve("0"), "");
        Files.writeString(dir.resolve("fd").resolve("1"), "");
        ProcessProbe probe = new ProcessProbe(77, proc);
        assertTrue(probe.exists());
        assertEquals("pgbouncer", probe.command());
        assertEquals(200 * 10_000L, probe.cpuMicros(), "200 ticks of 10 ms");
        assertEquals(4096 * 1024L, probe.rssBytes());
        assertEquals(2, probe.openFiles());
        ProcessProbe.Sample later = new ProcessProbe.Sample(0, probe.cpuMicros() + 5_000, 0);
        assertEquals(5_000, later.cpuMicrosSince(probe.sample()));
    }

    @Test
    void aVanishedProcessIsAnErrorThatNamesIt(@TempDir Path proc) {
        ProcessProbe gone = new ProcessProbe(99, proc);
        assertFalse(gone.exists());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, gone::rssBytes);
        assertTrue(e.getMessage().contains("99"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProcessProbe(0));
    }

    @Test
    void readsThisJvmOnLinux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc (not Linux)");
        ProcessProbe self = ProcessProbe.self();
        assertTrue(self.rssBytes() > 1 << 20, "a JVM uses more than 1 MiB");
        assertTrue(self.openFiles() > 3);
        assertTrue(self.openFileLimit().soft() > 0);
        assertTrue(self.cpuMicros() > 0, "starting the JVM took some CPU");
    }
}
