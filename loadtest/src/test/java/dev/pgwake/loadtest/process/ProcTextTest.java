package dev.pgwake.loadtest.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProcTextTest {
    /** A command with a space and a ')' in it, as a process may name itself. */
    private static final String STAT = "4242 (odd) name) S 1 4242 4242 0 -1 4194560 1234 0 0 0 "
            + "731 269 0 0 20 0 9 0 123456 987654321 4321 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0\n";

    @Test
    void cpuTicksAreUtimePlusStimeCountedAfterTheCommand() {
        assertEquals(731 + 269, ProcText.cpuTicks(STAT));
        assertEquals("odd) name", ProcText.command(STAT));
    }

    @Test
    void stateIsTheLetterAfterTheCommand() {
        assertEquals('S', ProcText.state(STAT));
        assertEquals('T', ProcText.state("77 (postgres: checkpointer ) T 76 77 77 0 -1\n"));
        assertThrows(IllegalArgumentException.class, () -> ProcText.state("77 (postgres)"));
        assertThrows(IllegalArgumentException.class, () -> ProcText.state("77 (postgres) TT 1"));
    }

    @Test
    void rssComesFromVmRssInKilobytes() {
        String status = "Name:\tpgbouncer\nVmPeak:\t   20000 kB\nVmRSS:\t    5316 kB\nThreads:\t1\n";
        assertEquals(5316L * 1024, ProcText.rssBytes(status));
        assertThrows(IllegalArgumentException.class, () -> ProcText.rssBytes("Name:\tkthreadd\n"));
    }

    @Test
    void pssComesFromSmapsRollupAndTheParentFromStat() {
        String rollup = "55d0c0a00000-7ffd1a3f2000 ---p 00000000 00:00 0    [rollup]\nRss:     10240 kB\nPss:      4000 kB\n"
                + "Pss_Anon:  3000 kB\n";
        assertEquals(4000L * 1024, ProcText.pssBytes(rollup));
        assertThrows(IllegalArgumentException.class, () -> ProcText.pssBytes("Rss: 1 kB\n"));
        assertEquals(1, ProcText.parentPid("4242 (postgres: checkpointer) S 1 4242 4242 0 -1"));
        assertEquals(77, ProcText.parentPid("4243 (a) b) R 77 4242"));
    }

    @Test
    void openFileLimitsMayBeUnlimited() {
        String limits = "Limit                     Soft Limit           Hard Limit           Units     \n"
                + "Max cpu time              unlimited            unlimited            seconds   \n"
                + "Max open files            1024                 20000                files     \n";
        assertEquals(new ProcText.Limit(1024, 20000), ProcText.openFileLimit(limits));
        assertEquals(new ProcText.Limit(Long.MAX_VALUE, Long.MAX_VALUE),
                ProcText.openFileLimit("Max open files            unlimited            unlimited            files\n"));
    }

    @Test
    void malformedStatIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProcText.cpuTicks("4242 no parentheses"));
        assertThrows(IllegalArgumentException.class, () -> ProcText.cpuTicks("4242 (x) S 1 2"));
    }
}
