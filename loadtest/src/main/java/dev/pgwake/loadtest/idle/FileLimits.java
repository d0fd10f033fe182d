package dev.pgwake.loadtest.idle;

import dev.pgwake.loadtest.process.ProcessProbe;
import dev.pgwake.loadtest.process.ProcText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What {@code ulimit -n} the load generator and the watched process need for K more connections. */
final class FileLimits {
    /** Descriptors beyond the sockets: JVM jars, log files, epoll, pipes. */
    static final int MARGIN = 100;

    private FileLimits() {
    }

    /** Descriptors a process with {@code open} files open needs to add {@code connections} sockets. */
    static long needed(long open, int connections) {
        return open + connections + MARGIN;
    }

    /** Lines of advice, one per process; each says whether its current soft limit suffices. */
    static List<String> advice(ProcessProbe self, ProcessProbe watched, int connections) {
        List<String> lines = new ArrayList<>();
        lines.add(line("this load generator", self, connections));
        if (watched != null) {
            lines.add(line("watched process " + watched.pid(), watched, connections)
                    + " (a proxy that opens a server connection per client needs about twice that)");
        }
        return lines;
    }

    private static String line(String who, ProcessProbe probe, int connections) {
        long needed = needed(probe.openFiles(), connections);
        ProcText.Limit limit = probe.openFileLimit();
        String verdict = limit.soft() >= needed ? "enough" : "NOT enough: raise it (ulimit -n " + needed
                + (limit.hard() < needed ? ", above the hard limit " + limit.hard() + ": raise that too" : "") + ")";
        return String.format(Locale.ROOT, "%s needs ulimit -n >= %,d; its soft limit is %s: %s", who, needed,
                limit.soft() == Long.MAX_VALUE ? "unlimited" : String.format(Locale.ROOT, "%,d", limit.soft()), verdict);
    }
}
